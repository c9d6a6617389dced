import SlimLog

/// Average pooling over windows of each channel. Padding counts as zeros in the average
/// (PyTorch's default `count_include_pad=True`).
public struct AvgPool2d: NetworkLayer {
    public let name: String
    /// Kernel, stride and padding.
    public let window: PoolingWindow
    private var inputShape: [Int] = []

    public init(name: String, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = Size2D(square: 0)) {
        self.name = name; window = PoolingWindow(kernel: kernel, stride: stride, padding: padding)
    }

    public func outputShape(for shape: [Int]) -> [Int]? { window.outputShape(for: shape) }

    public func record(inShape: [Int]) -> SlimLog.Layer { window.record(name: name, op: .avgpool2d, inShape: inShape) }

    /// Calls `tap(inputIndex, outputIndex, scale)` for every window element of every plane of
    /// `batch` samples (planes in parallel), indices into whole input- and output-shaped buffers.
    private func forEachTap(batch: Int, _ g: ConvGeometry, parallelism: Parallelism, _ tap: (Int, Int, Float) -> Void) {
        let scale = 1 / Float(window.kernel.height * window.kernel.width)
        parallelism.forEachRange(batch * g.channels, grain: 16) { range in
            for plane in range {
                let inBase = plane * g.inPlane, outBase = plane * g.outPlane
                window.forEachWindow(g) { o, rows, columns in
                    for ih in rows {
                        for iw in columns { tap(inBase + ih * g.width + iw, outBase + o, scale) }
                    }
                }
            }
        }
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let g = window.geometry(input.sampleShape)
        var output = Tensor(shape: [input.batch, g.channels, g.outHeight, g.outWidth])
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                forEachTap(batch: input.batch, g, parallelism: parallelism) { i, o, scale in y[o] += x[i] * scale }
            }
        }
        inputShape = mode == .training ? input.shape : []
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        var gradInput = Tensor(shape: inputShape)
        gradOutput.storage.withUnsafeBufferPointer { dy in
            gradInput.storage.withUnsafeMutableBufferPointer { dx in
                forEachTap(batch: inputShape[0], window.geometry(Array(inputShape.dropFirst())), parallelism: parallelism) {
                    i, o, scale in dx[i] += dy[o] * scale
                }
            }
        }
        return gradInput
    }
}
