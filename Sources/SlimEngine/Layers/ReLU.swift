import SlimLog

/// max(x, 0), element-wise.
public struct ReLU: NetworkLayer {
    public let name: String
    private var output: Tensor?

    public init(name: String) { self.name = name }

    public func outputShape(for shape: [Int]) -> [Int]? { shape }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .relu, inShape: inShape, outShape: inShape)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        var output = Tensor(uninitializedShape: input.shape)
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                parallelism.forEachRange(input.count, grain: 1 << 14) { range in
                    VectorKernels.relu(x, y, range.lowerBound, range.count)
                }
            }
        }
        self.output = mode == .training ? output : nil
        return output
    }

    /// Takes `output` as its own result, computed by a fused layer before it (`LayerFusion`),
    /// keeping it for backward in training.
    mutating func adopt(output: Tensor, mode: ForwardMode) {
        self.output = mode == .training ? output : nil
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        guard let output else { preconditionFailure("\(name): backward without a training forward") }
        guard needsInputGradient else { return nil }
        var gradInput = Tensor(uninitializedShape: output.shape)
        output.storage.withUnsafeBufferPointer { y in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                gradInput.storage.withUnsafeMutableBufferPointer { dx in
                    parallelism.forEachRange(output.count, grain: 1 << 14) { range in
                        VectorKernels.reluBackward(y, dy, dx, range.lowerBound, range.count)
                    }
                }
            }
        }
        return gradInput
    }
}
