import SlimLog

/// Walks a state dict module by module: checks each tensor's shape against the running
/// feature-map shape, appends the layer and collects BN γ and channel selections.
struct NetworkReader {
    let stateDict: StateDict
    var builder: LayerListBuilder
    private(set) var gammas: [GammaVector] = []
    private(set) var selections: [String: [Int]] = [:]

    var file: String { stateDict.checkpoint.file }

    init(_ stateDict: StateDict, input: [Int]) {
        self.stateDict = stateDict
        builder = LayerListBuilder(input: input)
    }

    /// A BN layer over the current channels; its γ is recorded.
    mutating func batchNorm(_ name: String) throws {
        guard try stateDict.shape(name + ".weight", rank: 1)[0] == builder.shape[0] else {
            throw ImportError.badTensor(file: file, tensor: name + ".weight", expected: "\(builder.shape[0]) channels")
        }
        builder.batchNorm(name)
        gammas.append(GammaVector(layer: name, values: try stateDict.floats(name + ".weight")))
    }

    /// BN → channel selection → ReLU, as the reference blocks start; returns the selected count.
    mutating func preActivation(bn: String, select: String, relu: String) throws -> Int {
        try batchNorm(bn)
        let mask = try stateDict.floats(select + ".indexes")
        guard mask.count == builder.shape[0] else {
            throw ImportError.badTensor(file: file, tensor: select + ".indexes", expected: "\(builder.shape[0]) entries")
        }
        let kept = mask.indices.filter { mask[$0] != 0 }
        selections[bn] = kept
        builder.select(select, kept)
        builder.relu(relu)
        return kept.count
    }

    /// A bias-free square convolution whose input channels must match the current shape.
    mutating func convolution(_ name: String, kernel: Int, stride: Int = 1, from: String? = nil) throws {
        let weight = try stateDict.shape(name + ".weight", rank: 4)
        guard weight[1] == builder.shape[0], weight[2] == kernel, weight[3] == kernel else {
            throw ImportError.badTensor(file: file, tensor: name + ".weight",
                                        expected: "\(kernel)×\(kernel) kernels over \(builder.shape[0]) input channels, found \(weight)")
        }
        builder.conv(name, out: weight[0], kernel: kernel, stride: stride, padding: kernel / 2, from: from)
    }

    /// Pool, flatten and the final linear layer; returns the number of classes.
    mutating func classifier(_ name: String, pool: Int) throws -> Int {
        builder.pool("avgpool", .avgpool2d, size: pool)
        builder.flatten("flatten")
        let weight = try stateDict.shape(name + ".weight", rank: 2)
        guard weight[1] == builder.shape[0] else {
            throw ImportError.badTensor(file: file, tensor: name + ".weight",
                                        expected: "\(builder.shape[0]) input features, found \(weight[1])")
        }
        builder.linear(name, out: weight[0])
        return weight[0]
    }
}
