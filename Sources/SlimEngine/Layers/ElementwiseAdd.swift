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
        precondition(!operands.isEmpty && operands.allSatisfy { $0.shape == operands[0].shape },
                     "\(name): inputs must have equal shapes")
        var sum = operands[0]
        operands[0] = Tensor(shape: [0])
        for operand in operands.dropFirst() { sum.add(operand, parallelism: parallelism) }
        return sum
    }

    public func backward(_ gradOutput: Tensor, operandCount: Int) -> [Tensor] {
        Array(repeating: gradOutput, count: operandCount)
    }
}
