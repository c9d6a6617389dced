import SlimLog

/// Global average pooling: `[N, C, H, W]` → `[N, C]`.
public struct GlobalAvgPool: NetworkLayer {
    public let name: String
    private var inputShape: [Int] = []

    public init(name: String) { self.name = name }

    public func outputShape(for shape: [Int]) -> [Int]? { shape.count == 3 ? [shape[0]] : nil }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .globalAvgpool, inShape: inShape, outShape: [inShape.first ?? 0])
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let planes = input.batch * input.shape[1], plane = input.shape[2] * input.shape[3]
        var output = Tensor(shape: [input.batch, input.shape[1]])
        input.storage.withUnsafeBufferPointer { x in
            for p in 0..<planes { output.storage[p] = Float(VectorKernels.sum(x, p * plane, plane) / Double(plane)) }
        }
        inputShape = mode == .training ? input.shape : []
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        let plane = inputShape[2] * inputShape[3]
        var gradInput = Tensor(shape: inputShape)
        for p in 0..<gradOutput.count {
            let v = gradOutput.storage[p] / Float(plane)
            for i in 0..<plane { gradInput.storage[p * plane + i] = v }
        }
        return gradInput
    }
}
