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
    public private(set) var nodes: [Node] = []
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
        var outputs: [Tensor] = []
        outputs.reserveCapacity(nodes.count)
        for i in nodes.indices {
            let ins = nodes[i].inputs.map { $0 == Self.input ? input : outputs[$0] }
            switch nodes[i].operation {
            case var .layer(layer):
                outputs.append(layer.forward(ins[0], mode: mode, parallelism: parallelism))
                nodes[i].operation = .layer(layer)
            case let .add(add): outputs.append(add.forward(ins, parallelism: parallelism))
            case let .concat(concat): outputs.append(concat.forward(ins))
            }
        }
        savedShapes = mode == .training ? outputs.map(\.shape) : []
        return outputs.last ?? input
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(savedShapes.count == nodes.count, "\(name): backward without a training forward")
        var grads = [Tensor?](repeating: nil, count: nodes.count)
        grads[nodes.count - 1] = gradOutput
        var inputGrad: Tensor?
        func accumulate(_ grad: Tensor, into index: Int) {
            if index == Self.input {
                inputGrad = inputGrad.map { $0.adding(grad) } ?? grad
            } else {
                grads[index] = grads[index].map { $0.adding(grad) } ?? grad
            }
        }
        for i in nodes.indices.reversed() {
            guard let grad = grads[i] else { continue }
            grads[i] = nil
            let inputs = nodes[i].inputs
            let wanted = needsInputGradient || inputs.contains { $0 != Self.input }
            switch nodes[i].operation {
            case var .layer(layer):
                let g = layer.backward(grad, needsInputGradient: wanted, parallelism: parallelism)
                nodes[i].operation = .layer(layer)
                if let g { accumulate(g, into: inputs[0]) }
            case let .add(add):
                for (g, j) in zip(add.backward(grad, operandCount: inputs.count), inputs) { accumulate(g, into: j) }
            case let .concat(concat):
                let widths = inputs.map { $0 == Self.input ? 0 : savedShapes[$0][1] }
                precondition(!inputs.contains(Self.input), "\(name): a concat cannot read the graph input")
                for (g, j) in zip(concat.backward(grad, widths: widths), inputs) { accumulate(g, into: j) }
            }
        }
        return needsInputGradient ? inputGrad : nil
    }

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        for i in nodes.indices {
            guard case var .layer(layer) = nodes[i].operation else { continue }
            try layer.visitParameters(body)
            nodes[i].operation = .layer(layer)
        }
    }

    /// Calls `body` on every layer node in place, in order.
    public mutating func visitLayers(_ body: (inout any NetworkLayer) throws -> Void) rethrows {
        for i in nodes.indices {
            guard case var .layer(layer) = nodes[i].operation else { continue }
            try body(&layer)
            nodes[i].operation = .layer(layer)
        }
    }

    /// The layer nodes, in order.
    public var layers: [any NetworkLayer] {
        nodes.compactMap { if case let .layer(layer) = $0.operation { layer } else { nil } }
    }
}

extension Tensor {
    /// The element-wise sum with an equally shaped tensor.
    func adding(_ other: Tensor) -> Tensor {
        precondition(shape == other.shape, "Tensor: adding \(other.shape) to \(shape)")
        var sum = self
        for i in sum.storage.indices { sum.storage[i] += other.storage[i] }
        return sum
    }
}
