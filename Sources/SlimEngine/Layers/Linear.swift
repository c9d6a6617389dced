import SlimLog

/// y = x·Wᵀ + b with `W` of shape `[out, in]` (PyTorch's layout).
public struct Linear: NetworkLayer {
    public let name: String
    public var weight: Parameter
    public var bias: Parameter?
    private var input: Tensor?

    public init(name: String, weight: Tensor, bias: Tensor?) {
        precondition(weight.shape.count == 2, "Linear weight must be [out, in]")
        self.name = name
        self.weight = Parameter(name: name + ".weight", value: weight)
        self.bias = bias.map { Parameter(name: name + ".bias", value: $0) }
    }

    public var inFeatures: Int { weight.value.shape[1] }
    public var outFeatures: Int { weight.value.shape[0] }

    public func outputShape(for shape: [Int]) -> [Int]? {
        shape.reduce(1, *) == inFeatures ? [outFeatures] : nil
    }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .linear, inShape: inShape, outShape: [outFeatures], bias: bias != nil)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let n = input.batch, inF = inFeatures, outF = outFeatures
        var output = Tensor(shape: [n, outF])
        if let bias {
            for row in 0..<n { for o in 0..<outF { output.storage[row * outF + o] = bias.value.storage[o] } }
        }
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    BLAS.gemm(.none, .transposed, m: n, n: outF, k: inF, a: x, lda: inF, b: w, ldb: inF,
                              beta: 1, c: y, ldc: outF)
                }
            }
        }
        self.input = mode == .training ? input : nil
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        guard let input else { preconditionFailure("\(name): backward without a training forward") }
        let n = input.batch, inF = inFeatures, outF = outFeatures
        var gradInput = Tensor(shape: needsInputGradient ? input.shape : [0])
        gradOutput.storage.withUnsafeBufferPointer { dy in
            input.storage.withUnsafeBufferPointer { x in
                weight.grad.storage.withUnsafeMutableBufferPointer { dw in
                    BLAS.gemm(.transposed, .none, m: outF, n: inF, k: n, a: dy, lda: outF, b: x, ldb: inF,
                              beta: 1, c: dw, ldc: inF)
                }
            }
            if needsInputGradient {
                weight.value.storage.withUnsafeBufferPointer { w in
                    gradInput.storage.withUnsafeMutableBufferPointer { dx in
                        BLAS.gemm(.none, .none, m: n, n: inF, k: outF, a: dy, lda: outF, b: w, ldb: inF, c: dx, ldc: inF)
                    }
                }
            }
        }
        if bias != nil {
            for row in 0..<n { for o in 0..<outF { bias!.grad.storage[o] += gradOutput.storage[row * outF + o] } }
        }
        return needsInputGradient ? gradInput : nil
    }

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }
}
