import SlimLog

/// The window a pooling layer slides over each channel, and what follows from it alone: the
/// output shape, the log record and the positions each window covers.
public struct PoolingWindow: Sendable, Equatable {
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D

    /// A window of `kernel` that moves by `stride` (nil: by `kernel`, as in PyTorch).
    public init(kernel: Size2D, stride: Size2D? = nil, padding: Size2D = Size2D(square: 0)) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }

    func geometry(_ shape: [Int]) -> ConvGeometry {
        ConvGeometry(channels: shape[0], height: shape[1], width: shape[2], kernel: kernel, stride: stride, padding: padding)
    }

    /// The pooled shape of one `[channels, height, width]` sample, or nil when the window does not fit.
    func outputShape(for shape: [Int]) -> [Int]? {
        guard shape.count == 3, geometry(shape).isValid else { return nil }
        return [shape[0], geometry(shape).outHeight, geometry(shape).outWidth]
    }

    /// The pooling layer `name` as the run log records it.
    func record(name: String, op: LayerOp, inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: op, inShape: inShape, outShape: outputShape(for: inShape) ?? [],
                      kernel: kernel.array, stride: stride.array, padding: padding.array)
    }

    /// Calls `body(outputIndex, rows, columns)` for every output of a plane, in order, with
    /// the input rows and columns its window covers inside the image (padding left out).
    func forEachWindow(_ g: ConvGeometry, _ body: (Int, Range<Int>, Range<Int>) -> Void) {
        // Clamped at both ends: with padding wider than the kernel a window can lie wholly outside.
        func covered(_ start: Int, _ size: Int, _ limit: Int) -> Range<Int> {
            let lo = min(max(0, start), limit)
            return lo..<max(lo, min(limit, start + size))
        }
        for i in 0..<g.outHeight {
            let rows = covered(i * stride.height - padding.height, kernel.height, g.height)
            for j in 0..<g.outWidth {
                body(i * g.outWidth + j, rows, covered(j * stride.width - padding.width, kernel.width, g.width))
            }
        }
    }
}
