import Dispatch
import SlimLog

/// A directed acyclic network: nodes in execution order, each reading the network input or
/// earlier nodes. Residual sums and channel concatenations are nodes like any layer, so
/// ResNets and DenseNets run, train and record through one executor. The graph is itself a
/// `NetworkLayer` (input → output of the last node), so it plugs into a `Network`.
public struct LayerGraph: NetworkLayer {
    /// What a node computes.
    public enum Operation: Sendable {
        case layer(any NetworkLayer)
        case add(ElementwiseAdd)
        case concat(ChannelConcat)
    }

    /// One node: its operation and the nodes it reads (`LayerGraph.input` = the graph input).
    public struct Node: Sendable {
        public var operation: Operation
        public var inputs: [Int]

        public var name: String {
            switch operation {
            case let .layer(layer): layer.name
            case let .add(add): add.name
            case let .concat(concat): concat.name
            }
        }
    }

    /// The index that stands for the graph's input in `Node.inputs`.
    public static let input = -1

    public let name: String
    public internal(set) var nodes: [Node] = []
    /// Per-node output shapes of the last training forward (backward needs concat widths).
    private var savedShapes: [[Int]] = []

    public init(name: String) { self.name = name }

    /// Appends a layer reading `input` (the previous node by default) and returns its index.
    @discardableResult
    public mutating func append(_ layer: any NetworkLayer, reading input: Int? = nil) -> Int {
        nodes.append(Node(operation: .layer(layer), inputs: [input ?? nodes.count - 1]))
        return nodes.count - 1
    }

    /// Appends the element-wise sum of `inputs` and returns its index.
    @discardableResult
    public mutating func appendAdd(name: String, inputs: [Int]) -> Int {
        nodes.append(Node(operation: .add(ElementwiseAdd(name: name, inputs: inputs.map(nodeName))), inputs: inputs))
        return nodes.count - 1
    }

    /// Appends the channel concatenation of `inputs` and returns its index.
    @discardableResult
    public mutating func appendConcat(name: String, inputs: [Int]) -> Int {
        nodes.append(Node(operation: .concat(ChannelConcat(name: name, inputs: inputs.map(nodeName))), inputs: inputs))
        return nodes.count - 1
    }

    /// The index of the last node.
    public var last: Int { nodes.count - 1 }

    private func nodeName(_ index: Int) -> String { index == Self.input ? "input" : nodes[index].name }

    /// Per-node output shapes for a graph input of `shape`, nil when some node cannot take
    /// its inputs.
    public func nodeShapes(for shape: [Int]) -> [[Int]]? {
        var shapes: [[Int]] = []
        for node in nodes {
            let ins = node.inputs.map { $0 == Self.input ? shape : shapes[$0] }
            let out: [Int]?
            switch node.operation {
            case let .layer(layer): out = layer.outputShape(for: ins[0])
            case .add: out = ins.allSatisfy { $0 == ins[0] } ? ins[0] : nil
            case .concat:
                out = ins.allSatisfy { $0.count == 3 && $0.dropFirst() == ins[0].dropFirst() }
                    ? [ins.reduce(0) { $0 + $1[0] }] + ins[0].dropFirst() : nil
            }
            guard let out else { return nil }
            shapes.append(out)
        }
        return shapes
    }

    public func outputShape(for shape: [Int]) -> [Int]? { nodeShapes(for: shape)?.last }

    /// The graph's first node as one record (see `records(inShape:)` for every node).
    public func record(inShape: [Int]) -> SlimLog.Layer { records(inShape: inShape)[0] }

    /// Every node as recorded in the run log's `architecture` event; `inputs` is set
    /// whenever a node reads something other than the node before it.
    public func records(inShape: [Int]) -> [SlimLog.Layer] {
        let shapes = nodeShapes(for: inShape) ?? []
        return nodes.enumerated().map { i, node in
            let ins = node.inputs.map { $0 == Self.input ? inShape : ($0 < shapes.count ? shapes[$0] : []) }
            switch node.operation {
            case let .layer(layer):
                var record = layer.record(inShape: ins[0])
                if node.inputs[0] != i - 1 { record.inputs = [nodeName(node.inputs[0])] }
                return record
            case let .add(add): return add.record(inShape: ins[0])
            case let .concat(concat): return concat.record(inShapes: ins)
            }
        }
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        forward(input, mode: mode, parallelism: parallelism) { _, _ in }
    }

    /// The forward pass; `observe` (for profiling) receives each node's index and seconds
    /// (runs of layers that `LayerFusion` joins count at their first node). Each output is
    /// released as soon as its last reader ran.
    mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism,
                          observe: (Int, Double) -> Void) -> Tensor {
        let readers = readerCounts
        var unread = readers
        var outputs: [Tensor] = []
        outputs.reserveCapacity(nodes.count)
        var shapes: [[Int]] = []
        var i = 0
        while i < nodes.count {
            let started = DispatchTime.now().uptimeNanoseconds
            let inputs = nodes[i].inputs
            var run = 1
            switch nodes[i].operation {
            case .layer:
                let x = inputs[0] == Self.input ? input : outputs[inputs[0]]
                run = fusableRun(from: i, readers: readers, mode: mode)
                if run > 1 {
                    var group: [any NetworkLayer] = []
                    for k in i..<i + run { group.append(takeLayer(at: k)) }
                    let y = LayerFusion.forward(&group, x, mode: mode, parallelism: parallelism)
                    for (k, layer) in group.enumerated() { nodes[i + k].operation = .layer(layer) }
                    outputs += Array(repeating: Tensor(shape: [0]), count: run - 1)
                    outputs.append(y)
                } else {
                    outputs.append(withLayer(at: i) { $0.forward(x, mode: mode, parallelism: parallelism) })
                }
            case let .add(add):
                // Operands this node reads last are handed over, so the sum can reuse one's storage.
                var operands: [Tensor] = []
                for j in inputs {
                    if j == Self.input {
                        operands.append(input)
                    } else if unread[j] == 1 {
                        operands.append(outputs[j])
                        outputs[j] = Tensor(shape: [0])
                    } else {
                        operands.append(outputs[j])
                    }
                }
                run = 1 + normalizingRun(after: i, readers: readers, mode: mode)
                if run > 1 {
                    var group: [any NetworkLayer] = []
                    for k in i + 1..<i + run { group.append(takeLayer(at: k)) }
                    let (sum, y) = LayerFusion.forward(sum: add, consume operands, then: &group, parallelism: parallelism)
                    for (k, layer) in group.enumerated() { nodes[i + 1 + k].operation = .layer(layer) }
                    // The run's first layer has read the sum; its other readers find it here.
                    unread[i] -= 1
                    outputs.append(unread[i] == 0 ? Tensor(shape: [0]) : sum)
                    outputs += Array(repeating: Tensor(shape: [0]), count: run - 2)
                    outputs.append(y)
                } else {
                    outputs.append(add.forward(consume operands, parallelism: parallelism))
                }
            case let .concat(concat):
                outputs.append(concat.forward(inputs.map { $0 == Self.input ? input : outputs[$0] }, parallelism: parallelism))
            }
            for j in inputs where j != Self.input {
                unread[j] -= 1
                if unread[j] == 0 { outputs[j] = Tensor(shape: [0]) }
            }
            if mode == .training { for k in i..<i + run { shapes.append(outputs[k].shape) } }
            observe(i, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            for k in 1..<run { observe(i + k, 0) }
            i += run
        }
        savedShapes = shapes
        return outputs.last ?? input
    }

    /// How many nodes read each node's output (the last node's counts the graph's caller).
    var readerCounts: [Int] {
        var counts = [Int](repeating: 0, count: nodes.count)
        for node in nodes { for j in node.inputs where j != Self.input { counts[j] += 1 } }
        if !counts.isEmpty { counts[counts.count - 1] += 1 }
        return counts
    }

    /// The length of the run of layer nodes from `i` that `LayerFusion` joins: each node
    /// reads only the one before, which nothing else reads.
    private func fusableRun(from i: Int, readers: [Int], mode: ForwardMode) -> Int {
        var candidates: [any NetworkLayer] = []
        var j = i
        while j < nodes.count, candidates.count < LayerFusion.maximumLength, case let .layer(layer) = nodes[j].operation,
              j == i || (nodes[j].inputs == [j - 1] && readers[j - 1] == 1) {
            candidates.append(layer)
            j += 1
        }
        return LayerFusion.length(of: candidates, mode: mode)
    }

    /// In evaluation, the length of the run of layer nodes after the sum at node `i` that
    /// `LayerFusion` joins to it: a BatchNorm-led run whose first node reads only the sum.
    /// 0 when there is none (or the sum has a single input).
    private func normalizingRun(after i: Int, readers: [Int], mode: ForwardMode) -> Int {
        guard mode == .evaluation, nodes[i].inputs.count >= 2, i + 1 < nodes.count, nodes[i + 1].inputs == [i],
              case let .layer(layer) = nodes[i + 1].operation, layer is BatchNorm2d else { return 0 }
        return fusableRun(from: i + 1, readers: readers, mode: mode)
    }

    /// The length of the run of layer nodes ending at `i` that `LayerFusion` joins backward:
    /// each reads only the one before, which nothing else reads.
    private func fusableBackwardRun(from i: Int, readers: [Int]) -> Int {
        var candidates: [any NetworkLayer] = []
        var j = i
        while j >= 0, candidates.count < LayerFusion.maximumLength, case let .layer(layer) = nodes[j].operation,
              j == i || (nodes[j + 1].inputs == [j] && readers[j] == 1) {
            candidates.append(layer)
            j -= 1
        }
        return LayerFusion.backwardLength(of: candidates)
    }

    /// Takes the layer out of node `i`, leaving it vacant until the caller puts it back.
    private mutating func takeLayer(at i: Int) -> any NetworkLayer {
        guard case let .layer(layer) = nodes[i].operation else { preconditionFailure("\(name): node \(i) is not a layer") }
        nodes[i].operation = .add(Self.vacant)
        return layer
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        backward(gradOutput, needsInputGradient: needsInputGradient, parallelism: parallelism) { _, _ in }
    }

    /// The backward pass; `observe` (for profiling) receives each node's index and seconds.
    mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism,
                           observe: (Int, Double) -> Void) -> Tensor? {
        precondition(savedShapes.count == nodes.count, "\(name): backward without a training forward")
        let readers = readerCounts
        var grads = [Tensor?](repeating: nil, count: nodes.count)
        grads[nodes.count - 1] = gradOutput
        var inputGrad: Tensor?
        func accumulate(_ grad: Tensor, into index: Int) {
            if index == Self.input {
                if inputGrad == nil { inputGrad = grad } else { inputGrad!.add(grad, parallelism: parallelism) }
            } else if grads[index] == nil {
                grads[index] = grad
            } else {
                grads[index]!.add(grad, parallelism: parallelism)
            }
        }
        for i in nodes.indices.reversed() {
            guard let grad = grads[i] else { continue }
            let started = DispatchTime.now().uptimeNanoseconds
            grads[i] = nil
            let inputs = nodes[i].inputs
            let wanted = needsInputGradient || inputs.contains { $0 != Self.input }
            switch nodes[i].operation {
            case .layer:
                let run = fusableBackwardRun(from: i, readers: readers)
                if run > 1 {
                    let first = i + 1 - run, firstInput = nodes[first].inputs[0]
                    var group: [any NetworkLayer] = []
                    for k in (first...i).reversed() { group.append(takeLayer(at: k)) }
                    // A gradient already sent to the run's input (a residual sum's) is handed
                    // over, and the BatchNorm's backward adds into it as it writes.
                    var pending: Tensor?
                    if firstInput != Self.input { swap(&pending, &grads[firstInput]) }
                    let g = LayerFusion.backward(&group, grad, needsInputGradient: needsInputGradient || firstInput != Self.input,
                                                 adding: consume pending, parallelism: parallelism)
                    for (k, layer) in zip((first...i).reversed(), group) { nodes[k].operation = .layer(layer) }
                    if let g { accumulate(g, into: firstInput) }
                } else {
                    let g = withLayer(at: i) { $0.backward(grad, needsInputGradient: wanted, parallelism: parallelism) }
                    if let g { accumulate(g, into: inputs[0]) }
                }
            case let .add(add):
                for (g, j) in zip(add.backward(grad, operandCount: inputs.count), inputs) { accumulate(g, into: j) }
            case let .concat(concat):
                let widths = inputs.map { $0 == Self.input ? 0 : savedShapes[$0][1] }
                precondition(!inputs.contains(Self.input), "\(name): a concat cannot read the graph input")
                for (g, j) in zip(concat.backward(grad, widths: widths, parallelism: parallelism), inputs) { accumulate(g, into: j) }
            }
            observe(i, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        return needsInputGradient ? inputGrad : nil
    }

    /// Runs `body` on the layer of node `i` in place. The node is vacated meanwhile so that
    /// the layer's arrays are uniquely referenced and its writes (saved activations,
    /// gradients, running statistics) do not copy them.
    private mutating func withLayer<R>(at i: Int, _ body: (inout any NetworkLayer) throws -> R) rethrows -> R {
        guard case var .layer(layer) = nodes[i].operation else { preconditionFailure("\(name): node \(i) is not a layer") }
        nodes[i].operation = .add(Self.vacant)
        defer { nodes[i].operation = .layer(layer) }
        return try body(&layer)
    }

    /// What a node holds while `withLayer` works on its layer.
    private static let vacant = ElementwiseAdd(name: "", inputs: [])

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        for i in nodes.indices {
            guard case .layer = nodes[i].operation else { continue }
            try withLayer(at: i) { try $0.visitParameters(body) }
        }
    }

    /// Calls `body` on every layer node in place, in order.
    public mutating func visitLayers(_ body: (inout any NetworkLayer) throws -> Void) rethrows {
        for i in nodes.indices {
            guard case .layer = nodes[i].operation else { continue }
            try withLayer(at: i, body)
        }
    }

    /// The layer nodes, in order.
    public var layers: [any NetworkLayer] {
        nodes.compactMap { if case let .layer(layer) = $0.operation { layer } else { nil } }
    }
}
