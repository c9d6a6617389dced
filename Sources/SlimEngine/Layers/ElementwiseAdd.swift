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

    public func forward(_ operands: [Tensor], parallelism: Parallelism) -> Tensor {
        precondition(!operands.isEmpty && operands.allSatisfy { $0.shape == operands[0].shape },
                     "\(name): inputs must have equal shapes")
        var sum = operands[0]
        sum.storage.withUnsafeMutableBufferPointer { y in
            for operand in operands.dropFirst() {
                operand.storage.withUnsafeBufferPointer { x in
                    parallelism.forEachRange(x.count, grain: 1 << 14) { range in
                        VectorKernels.add(x, into: y, range.lowerBound, range.count)
                    }
                }
            }
        }
        return sum
    }

    public func backward(_ gradOutput: Tensor, operandCount: Int) -> [Tensor] {
        Array(repeating: gradOutput, count: operandCount)
    }
}
