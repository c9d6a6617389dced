import SlimLog

/// Appends layers while tracking the current feature-map shape, so each layout only says
/// which modules the reference code runs and in which order.
struct LayerListBuilder {
    private(set) var layers: [Layer] = []
    /// Shape `[C, H, W]` (or `[features]`) of the last layer's output.
    private(set) var shape: [Int]
    /// Name of the last layer added (empty before the first).
    private(set) var last = ""

    init(input: [Int]) { shape = input }

    private mutating func add(_ layer: Layer) {
        layers.append(layer)
        shape = layer.outShape
        last = layer.name
    }

    /// Continue from the output of `name` with `shape` (for branches).
    mutating func resume(from name: String, shape: [Int]) {
        last = name
        self.shape = shape
    }

    /// `inputs` of a layer reading `from`: empty only when that is the layer listed just
    /// before, since the schema reads an omitted `inputs` as the previous layer in the list,
    /// not the branch `resume(from:)` continues.
    private func inputs(_ from: String?) -> [String] {
        guard let from, from != (layers.last?.name ?? "") else { return [] }
        return [from]
    }

    mutating func conv(_ name: String, out: Int, kernel: Int, stride: Int = 1, padding: Int, from: String? = nil) {
        let (h, w) = (shape[1], shape[2])
        let oh = (h + 2 * padding - kernel) / stride + 1, ow = (w + 2 * padding - kernel) / stride + 1
        add(Layer(name: name, op: .conv2d, inputs: inputs(from), inShape: shape, outShape: [out, oh, ow],
                  kernel: [kernel, kernel], stride: [stride, stride], padding: [padding, padding],
                  groups: 1, bias: false))
    }

    mutating func batchNorm(_ name: String) {
        add(Layer(name: name, op: .batchnorm2d, inShape: shape, outShape: shape, prunable: true))
    }

    mutating func relu(_ name: String) {
        add(Layer(name: name, op: .relu, inShape: shape, outShape: shape))
    }

    mutating func select(_ name: String, _ selected: [Int]) {
        add(Layer(name: name, op: .select, inShape: shape, outShape: [selected.count, shape[1], shape[2]],
                  selected: selected))
    }

    mutating func pool(_ name: String, _ op: LayerOp, size: Int) {
        add(Layer(name: name, op: op, inShape: shape, outShape: [shape[0], shape[1] / size, shape[2] / size],
                  kernel: [size, size], stride: [size, size], padding: [0, 0]))
    }

    mutating func flatten(_ name: String) {
        add(Layer(name: name, op: .flatten, inShape: shape, outShape: [shape.reduce(1, *)]))
    }

    mutating func linear(_ name: String, out: Int) {
        add(Layer(name: name, op: .linear, inShape: shape, outShape: [out], bias: true))
    }

    /// Element-wise sum of two equally shaped outputs.
    mutating func add(_ name: String, _ a: String, _ b: String) {
        add(Layer(name: name, op: .add, inputs: [a, b], inShape: shape, outShape: shape))
    }

    /// Channel concatenation of `a` (with `channelsA`) and the current output.
    mutating func concat(_ name: String, _ a: String, channelsA: Int) {
        add(Layer(name: name, op: .concat, inputs: [a, last], inShape: shape,
                  outShape: [channelsA + shape[0], shape[1], shape[2]]))
    }
}
