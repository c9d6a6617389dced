import SlimLog

/// `[N, C, H, W]` → `[N, C·H·W]`, sharing storage.
public struct Flatten: NetworkLayer {
    public let name: String
    private var inputShape: [Int] = []

    public init(name: String) { self.name = name }

    public func outputShape(for shape: [Int]) -> [Int]? { [shape.reduce(1, *)] }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .flatten, inShape: inShape, outShape: [inShape.reduce(1, *)])
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        inputShape = input.shape
        return input.reshaped([input.batch, input.count / max(1, input.batch)])
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        needsInputGradient ? gradOutput.reshaped(inputShape) : nil
    }
}
