import SlimLog

/// What one layer costs for a single input sample (batch 1), counted from its recorded shapes.
///
/// FLOPs follow the Network Slimming paper: 2 × MACs of conv and linear layers. `allOpsFLOPs`
/// additionally counts bias additions, BatchNorm (2 per element), ReLU (1 per element),
/// pooling (one per window element) and residual additions, as the reference PyTorch code's
/// `compute_flops.py` does (plus the residual sums it misses); it gives the paper's 7.97×10⁸
/// for VGG-19. docs/conventions.md compares both with the paper's Table 1.
public struct LayerCost: Sendable, Equatable {
    public var name: String
    public var op: LayerOp
    /// Trainable parameters: weights, biases, BN γ and β.
    public var params: Int
    /// Non-trainable state: BN running mean and variance.
    public var buffers: Int
    /// Multiply-accumulates of conv and linear layers (0 for other ops).
    public var macs: Int
    /// All arithmetic operations of the layer, in the reference counter's convention.
    public var allOpsFLOPs: Int
    /// Elements of the layer's output for one sample.
    public var outputElements: Int

    /// 2 × `macs`: the paper's FLOP convention (`macs` ≤ 2^53, so this cannot overflow).
    public var flops: Int { 2 * macs }

    public init(name: String, op: LayerOp, params: Int = 0, buffers: Int = 0, macs: Int = 0,
                allOpsFLOPs: Int = 0, outputElements: Int) {
        self.name = name; self.op = op; self.params = params; self.buffers = buffers
        self.macs = macs; self.allOpsFLOPs = allOpsFLOPs; self.outputElements = outputElements
    }
}

extension LayerCost {
    /// Counts one layer of the architecture of `pass`.
    init(layer: Layer, pass: Int) throws(AnalysisError) {
        func checked(_ value: Int?) throws(AnalysisError) -> Int {
            guard let value else { throw .costOverflow(pass: pass, layer: layer.name) }
            return value
        }
        let out = try Self.elements(layer.outShape, layer: layer, field: "out_shape", pass: pass)
        let inElements = try Self.elements(layer.inShape, layer: layer, field: "in_shape", pass: pass)
        self.init(name: layer.name, op: layer.op, outputElements: out)
        switch layer.op {
        case .conv2d:
            guard layer.inShape.count == 3, layer.outShape.count == 3 else {
                throw .invalidLayer(pass: pass, layer: layer.name, field: "in_shape/out_shape",
                                    expected: "[C, H, W] for a conv2d")
            }
            let kernel = try Self.pair(layer.kernel, layer: layer, field: "kernel", pass: pass)
            let groups = layer.groups ?? 1
            let inC = layer.inShape[0], outC = layer.outShape[0]
            guard groups >= 1, inC % groups == 0, outC % groups == 0 else {
                throw .invalidLayer(pass: pass, layer: layer.name, field: "groups",
                                    expected: "a positive divisor of in and out channels (\(inC), \(outC))")
            }
            let hasBias = layer.bias ?? false
            let perOutput = try checked(Self.product(inC / groups, kernel.0, kernel.1))
            params = try checked(Self.sum(Self.product(outC, perOutput), hasBias ? outC : 0))
            macs = try checked(Self.product(out, perOutput))
            allOpsFLOPs = try checked(Self.sum(Self.product(2, macs), hasBias ? out : 0))
        case .linear:
            guard layer.inShape.count == 1, layer.outShape.count == 1 else {
                throw .invalidLayer(pass: pass, layer: layer.name, field: "in_shape/out_shape",
                                    expected: "[features] for a linear layer")
            }
            let hasBias = layer.bias ?? false
            macs = try checked(Self.product(inElements, out))
            params = try checked(Self.sum(macs, hasBias ? out : 0))
            allOpsFLOPs = try checked(Self.sum(Self.product(2, macs), hasBias ? out : 0))
        case .batchnorm2d:
            guard let channels = layer.outShape.first, layer.inShape == layer.outShape else {
                throw .invalidLayer(pass: pass, layer: layer.name, field: "out_shape",
                                    expected: "equal to in_shape for a batchnorm2d")
            }
            params = 2 * channels
            buffers = 2 * channels
            allOpsFLOPs = try checked(Self.product(2, inElements))
        case .relu:
            allOpsFLOPs = inElements
        case .maxpool2d, .avgpool2d:
            let kernel = try Self.pair(layer.kernel, layer: layer, field: "kernel", pass: pass)
            allOpsFLOPs = try checked(Self.product(kernel.0, kernel.1, out))
        case .globalAvgpool:
            allOpsFLOPs = inElements
        case .add:
            allOpsFLOPs = try checked(Self.product(max(layer.inputs.count - 1, 1), out))
        default:
            break // flatten, concat, select and ops from newer writers move data only
        }
    }

    private static func elements(_ shape: [Int], layer: Layer, field: String,
                                 pass: Int) throws(AnalysisError) -> Int {
        guard !shape.isEmpty, shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidLayer(pass: pass, layer: layer.name, field: field,
                                expected: "a non-empty list of non-negative sizes")
        }
        guard let n = product(shape) else { throw .costOverflow(pass: pass, layer: layer.name) }
        return n
    }

    /// Costs are exact integers; beyond 2^53 they would not even survive a Double, so larger
    /// products and sums (only a corrupt or hostile log has them) are errors, not traps.
    static let bound = 1 << 53

    static func product(_ factors: Int?...) -> Int? { product(factors) }

    static func product(_ factors: [Int?]) -> Int? {
        var result = 1
        for case let f? in factors {
            let (p, overflow) = result.multipliedReportingOverflow(by: f)
            guard !overflow, p.magnitude <= bound else { return nil }
            result = p
        }
        return factors.contains { $0 == nil } ? nil : result
    }

    static func sum(_ terms: Int?...) -> Int? { sum(terms) }

    static func sum(_ terms: [Int?]) -> Int? {
        var result = 0
        for term in terms {
            guard let term else { return nil }
            let (s, overflow) = result.addingReportingOverflow(term)
            guard !overflow, s.magnitude <= bound else { return nil }
            result = s
        }
        return result
    }

    private static func pair(_ value: [Int]?, layer: Layer, field: String,
                             pass: Int) throws(AnalysisError) -> (Int, Int) {
        guard let value, value.count == 2, value[0] > 0, value[1] > 0 else {
            throw .invalidLayer(pass: pass, layer: layer.name, field: field,
                                expected: "two positive sizes [h, w] for a \(layer.op)")
        }
        return (value[0], value[1])
    }
}
