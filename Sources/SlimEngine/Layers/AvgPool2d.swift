import SlimLog

/// Average pooling over windows of each channel. Padding counts as zeros in the average
/// (PyTorch's default `count_include_pad=True`).
public struct AvgPool2d: NetworkLayer {
    public let name: String
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D
    private var inputShape: [Int] = []

    public init(name: String, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = Size2D(square: 0)) {
        self.name = name; self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }

    func geometry(_ shape: [Int]) -> ConvGeometry {
        ConvGeometry(channels: shape[0], height: shape[1], width: shape[2], kernel: kernel, stride: stride, padding: padding)
    }

    public func outputShape(for shape: [Int]) -> [Int]? {
        guard shape.count == 3, geometry(shape).isValid else { return nil }
        return [shape[0], geometry(shape).outHeight, geometry(shape).outWidth]
    }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .avgpool2d, inShape: inShape, outShape: outputShape(for: inShape) ?? [],
                      kernel: kernel.array, stride: stride.array, padding: padding.array)
    }

    /// Calls `body(outputIndex, inputIndex)` for every window element inside the image.
    private func forEachTap(_ g: ConvGeometry, _ body: (Int, Int) -> Void) {
        for i in 0..<g.outHeight {
            for j in 0..<g.outWidth {
                for ki in 0..<kernel.height {
                    let ih = i * stride.height - padding.height + ki
                    guard ih >= 0 && ih < g.height else { continue }
                    for kj in 0..<kernel.width {
                        let iw = j * stride.width - padding.width + kj
                        guard iw >= 0 && iw < g.width else { continue }
                        body(i * g.outWidth + j, ih * g.width + iw)
                    }
                }
            }
        }
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let g = geometry(input.sampleShape)
        let planes = input.batch * g.channels, scale = 1 / Float(kernel.height * kernel.width)
        var output = Tensor(shape: [input.batch, g.channels, g.outHeight, g.outWidth])
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                parallelism.forEachRange(planes, grain: 16) { range in
                    for plane in range {
                        let src = plane * g.inPlane, dst = plane * g.outPlane
                        forEachTap(g) { o, i in y[dst + o] += x[src + i] * scale }
                    }
                }
            }
        }
        inputShape = mode == .training ? input.shape : []
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        let g = geometry(Array(inputShape.dropFirst()))
        let planes = inputShape[0] * g.channels, scale = 1 / Float(kernel.height * kernel.width)
        var gradInput = Tensor(shape: inputShape)
        gradOutput.storage.withUnsafeBufferPointer { dy in
            gradInput.storage.withUnsafeMutableBufferPointer { dx in
                parallelism.forEachRange(planes, grain: 16) { range in
                    for plane in range {
                        let src = plane * g.outPlane, dst = plane * g.inPlane
                        forEachTap(g) { o, i in dx[dst + i] += dy[src + o] * scale }
                    }
                }
            }
        }
        return gradInput
    }
}
