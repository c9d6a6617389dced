import SlimLog

/// Element-wise sum of several equally shaped inputs (residual connections). The gradient
/// of the sum flows unchanged to every input.
public struct ElementwiseAdd: Sendable {
    public let name: String
    /// Names of the producer layers, recorded as `inputs`.
    public let inputs: [String]

    public init(name: String, inputs: [String]) { self.name = name; self.inputs = inputs }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .add, inputs: inputs, inShape: inShape, outShape: inShape)
    }

    /// The sum of `operands`. The first operand's storage becomes the result when nothing
    /// else holds it (the graph hands over outputs whose last reader this is), so a residual
    /// sum usually costs one pass and no allocation.
    public func forward(_ operands: consuming [Tensor], parallelism: Parallelism) -> Tensor {
        forward(consume operands, epilogue: nil, parallelism: parallelism).sum
    }

    /// The sum and, with `epilogue` (the folded evaluation-mode BatchNorm, and ReLU, of the
    /// node that reads the sum; see `LayerFusion`), the epilogue applied to it in the same
    /// pass: each channel plane of a sample is summed and then mapped while it is in cache,
    /// instead of being read back from memory by a second pass.
    func forward(_ operands: consuming [Tensor], epilogue: ChannelEpilogue?,
                 parallelism: Parallelism) -> (sum: Tensor, mapped: Tensor?) {
        precondition(!operands.isEmpty && operands.allSatisfy { $0.shape == operands[0].shape },
                     "\(name): inputs must have equal shapes")
        var sum = operands[0]
        operands[0] = Tensor(shape: [0])
        guard let epilogue else {
            for operand in operands.dropFirst() { sum.add(operand, parallelism: parallelism) }
            return (sum, nil)
        }
        precondition(operands.count >= 2, "\(name): a sum fused with what reads it needs two inputs")
        let last = operands[operands.count - 1], channels = epilogue.scale.count
        for operand in operands.dropFirst().dropLast() { sum.add(operand, parallelism: parallelism) }
        precondition(sum.shape.count == 4 && sum.shape[1] == channels, "\(name): \(channels) channels to map, shape \(sum.shape)")
        let runs = sum.batch * channels, plane = sum.count / max(1, runs)
        var mapped = Tensor(uninitializedShape: sum.shape)
        sum.storage.withUnsafeMutableBufferPointer { y in
            last.storage.withUnsafeBufferPointer { x in
                mapped.storage.withUnsafeMutableBufferPointer { m in
                    parallelism.forEachRange(runs, grain: max(1, (1 << 14) / max(1, plane))) { range in
                        for run in range {
                            VectorKernels.add(x, into: y, run * plane, plane)
                            epilogue.apply(channel: run % channels, y.baseAddress! + run * plane, m.baseAddress! + run * plane, count: plane)
                        }
                    }
                }
            }
        }
        return (sum, mapped)
    }

    public func backward(_ gradOutput: Tensor, operandCount: Int) -> [Tensor] {
        Array(repeating: gradOutput, count: operandCount)
    }
}
