import SlimLog

/// The cost of a whole recorded architecture for one input sample, layer by layer and in total.
public struct NetworkCost: Sendable, Equatable {
    /// Convention note shown next to every FLOP figure.
    public static let flopsConvention = "FLOPs = 2 × MACs of conv and linear layers (the Network Slimming paper's convention)"

    public var pass: Int
    public var layers: [LayerCost]
    /// Elements of one input sample.
    public var inputElements: Int
    /// The most activation elements alive at once in a forward pass that frees every tensor
    /// after its last consumer (input included).
    public var peakActivationElements: Int

    public var params: Int { layers.reduce(0) { $0 + $1.params } }
    public var buffers: Int { layers.reduce(0) { $0 + $1.buffers } }
    public var macs: Int { layers.reduce(0) { $0 + $1.macs } }
    /// 2 × MACs of conv and linear layers.
    public var flops: Int { 2 * macs }
    public var allOpsFLOPs: Int { layers.reduce(0) { $0 + $1.allOpsFLOPs } }
    /// float32 bytes of parameters and buffers.
    public var modelBytes: Int { 4 * (params + buffers) }
    /// float32 bytes of every activation of one forward pass (input and all layer outputs),
    /// as training keeps them.
    public var activationBytes: Int { 4 * (inputElements + layers.reduce(0) { $0 + $1.outputElements }) }
    /// float32 bytes of `peakActivationElements`: inference that frees tensors when done.
    public var peakActivationBytes: Int { 4 * peakActivationElements }

    /// Counts every layer of `architecture`; `input` is the shape of one sample.
    public init(architecture: Architecture) throws(AnalysisError) {
        pass = architecture.pass
        var costs: [LayerCost] = []
        costs.reserveCapacity(architecture.layers.count)
        for layer in architecture.layers {
            costs.append(try LayerCost(layer: layer, pass: architecture.pass))
        }
        layers = costs
        let producers = try Self.producers(of: architecture)
        let input = architecture.layers.first.map { LayerCost.product($0.inShape) } ?? 0
        // Totals and 4 × totals (bytes) are computed on demand; all of them together within
        // 2^53 means each of them stays far from overflow.
        let everything = costs.flatMap { [$0.params, $0.buffers, $0.macs, $0.allOpsFLOPs, $0.outputElements] }
        guard let inputElements = input, LayerCost.sum(everything.map(Optional.some) + [input]) != nil else {
            throw .costOverflow(pass: architecture.pass, layer: "(all layers)")
        }
        self.inputElements = inputElements
        peakActivationElements = Self.peak(producers: producers, costs: costs, input: inputElements)
    }

    /// The cost of the layer named `name`.
    public func layer(named name: String) -> LayerCost? { layers.first { $0.name == name } }

    /// For each layer, the indices of the layers it reads (-1 = the network input).
    static func producers(of architecture: Architecture) throws(AnalysisError) -> [[Int]] {
        var index: [String: Int] = [:]
        var result: [[Int]] = []
        result.reserveCapacity(architecture.layers.count)
        for (i, layer) in architecture.layers.enumerated() {
            if layer.inputs.isEmpty {
                result.append([i - 1])
            } else {
                var sources: [Int] = []
                for input in layer.inputs {
                    guard let j = index[input] else {
                        throw .unknownInput(pass: architecture.pass, layer: layer.name, input: input)
                    }
                    sources.append(j)
                }
                result.append(sources)
            }
            index[layer.name] = i
        }
        return result
    }

    private static func peak(producers: [[Int]], costs: [LayerCost], input: Int) -> Int {
        // lastUse[j + 1]: the last step that reads tensor j (-1 = input); the final output lives to the end.
        var lastUse = Array(repeating: -1, count: costs.count + 1)
        for (i, sources) in producers.enumerated() {
            for j in sources { lastUse[j + 1] = max(lastUse[j + 1], i) }
        }
        if !costs.isEmpty { lastUse[costs.count] = costs.count - 1 }
        var alive = input
        var peak = input
        // Tensors freed at each step, so the sweep stays linear.
        var freedAt = Array(repeating: 0, count: costs.count + 1)
        for j in -1..<costs.count {
            let size = j < 0 ? input : costs[j].outputElements
            let last = max(lastUse[j + 1], j)
            freedAt[last + 1] += size
        }
        for i in costs.indices {
            alive += costs[i].outputElements
            peak = max(peak, alive)
            alive -= freedAt[i + 1]
        }
        return peak
    }
}
