import SlimLog

/// Max pooling over windows of each channel (padding counts as −∞, as in PyTorch).
public struct MaxPool2d: NetworkLayer {
    public let name: String
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D
    /// For every output element, the index of the chosen input element within its plane.
    private var argmax: [Int32] = []
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
        SlimLog.Layer(name: name, op: .maxpool2d, inShape: inShape, outShape: outputShape(for: inShape) ?? [],
                      kernel: kernel.array, stride: stride.array, padding: padding.array)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let g = geometry(input.sampleShape)
        let planes = input.batch * g.channels, oh = g.outHeight, ow = g.outWidth
        var output = Tensor(uninitializedShape: [input.batch, g.channels, oh, ow])
        var indices = [Int32](repeating: 0, count: output.count)
        let isPairPool = kernel == Size2D(square: 2) && stride == Size2D(square: 2) && padding == Size2D(square: 0)
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                indices.withUnsafeMutableBufferPointer { idx in
                    parallelism.forEachRange(planes, grain: 16) { range in
                        for plane in range {
                            let src = plane * g.inPlane, dst = plane * g.outPlane
                            if isPairPool {
                                Self.pairPool(x, y, idx, src: src, dst: dst, width: g.width, outHeight: oh, outWidth: ow)
                                continue
                            }
                            for i in 0..<oh {
                                for j in 0..<ow {
                                    var best = -Float.infinity, bestAt = -1
                                    for ki in 0..<kernel.height {
                                        let ih = i * stride.height - padding.height + ki
                                        guard ih >= 0 && ih < g.height else { continue }
                                        for kj in 0..<kernel.width {
                                            let iw = j * stride.width - padding.width + kj
                                            guard iw >= 0 && iw < g.width else { continue }
                                            let v = x[src + ih * g.width + iw]
                                            if v > best || bestAt < 0 || v.isNaN { best = v; bestAt = ih * g.width + iw }
                                        }
                                    }
                                    y[dst + i * ow + j] = best
                                    idx[dst + i * ow + j] = Int32(bestAt)
                                }
                            }
                        }
                    }
                }
            }
        }
        if mode == .training { argmax = indices; inputShape = input.shape } else { argmax = []; inputShape = [] }
        return output
    }

    /// The common 2×2, stride 2 window without padding, unrolled.
    private static func pairPool(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>,
                                 _ idx: UnsafeMutableBufferPointer<Int32>, src: Int, dst: Int, width: Int,
                                 outHeight: Int, outWidth: Int) {
        for i in 0..<outHeight {
            for j in 0..<outWidth {
                var at = 2 * i * width + 2 * j
                var best = x[src + at]
                for candidate in [at + 1, at + width, at + width + 1] {
                    let v = x[src + candidate]
                    if v > best || v.isNaN { best = v; at = candidate }
                }
                y[dst + i * outWidth + j] = best
                idx[dst + i * outWidth + j] = Int32(at)
            }
        }
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        var gradInput = Tensor(shape: inputShape)
        let inPlane = inputShape[2] * inputShape[3], outPlane = gradOutput.shape[2] * gradOutput.shape[3]
        let planes = inputShape[0] * inputShape[1]
        argmax.withUnsafeBufferPointer { idx in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                gradInput.storage.withUnsafeMutableBufferPointer { dx in
                    parallelism.forEachRange(planes, grain: 16) { range in
                        for plane in range {
                            for o in 0..<outPlane {
                                dx[plane * inPlane + Int(idx[plane * outPlane + o])] += dy[plane * outPlane + o]
                            }
                        }
                    }
                }
            }
        }
        return gradInput
    }
}
