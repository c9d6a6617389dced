import SlimLog

/// Max pooling over windows of each channel (padding counts as −∞, as in PyTorch).
public struct MaxPool2d: NetworkLayer {
    public let name: String
    /// Kernel, stride and padding.
    public let window: PoolingWindow
    /// For every output element, the index of the chosen input element within its plane.
    private var argmax: [Int32] = []
    private var inputShape: [Int] = []

    public init(name: String, kernel: Size2D, stride: Size2D? = nil, padding: Size2D = Size2D(square: 0)) {
        self.name = name; window = PoolingWindow(kernel: kernel, stride: stride, padding: padding)
    }

    public func outputShape(for shape: [Int]) -> [Int]? { window.outputShape(for: shape) }

    public func record(inShape: [Int]) -> SlimLog.Layer { window.record(name: name, op: .maxpool2d, inShape: inShape) }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let g = window.geometry(input.sampleShape)
        let planes = input.batch * g.channels, oh = g.outHeight, ow = g.outWidth
        var output = Tensor(uninitializedShape: [input.batch, g.channels, oh, ow])
        // Evaluation needs no arg-max; a one-element buffer stands in for it.
        var indices = [Int32](repeating: 0, count: mode == .training ? output.count : 1)
        let keepIndices = mode == .training
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                indices.withUnsafeMutableBufferPointer { idx in
                    parallelism.forEachRange(planes, grain: 16) { range in
                        for plane in range {
                            let src = plane * g.inPlane, dst = plane * g.outPlane
                            if isPairPool {
                                Self.pairPool(x, y, keepIndices ? idx : nil, src: src, dst: dst, width: g.width,
                                              outHeight: oh, outWidth: ow)
                                continue
                            }
                            window.forEachWindow(g) { o, rows, columns in
                                var best = -Float.infinity, bestAt = -1
                                for ih in rows {
                                    for iw in columns {
                                        let v = x[src + ih * g.width + iw]
                                        if v > best || bestAt < 0 || v.isNaN { best = v; bestAt = ih * g.width + iw }
                                    }
                                }
                                y[dst + o] = best
                                if keepIndices { idx[dst + o] = Int32(bestAt) }
                            }
                        }
                    }
                }
            }
        }
        if mode == .training { argmax = indices; inputShape = input.shape } else { argmax = []; inputShape = [] }
        return output
    }

    /// Whether the window is the common 2×2, stride 2 without padding, which tiles the input.
    private var isPairPool: Bool {
        window == PoolingWindow(kernel: Size2D(square: 2))
    }

    /// The 2×2, stride 2 window, eight outputs at a time with SIMD (branch-free: the maxima
    /// of random data defeat branch prediction) and unrolled for the rest of a row; records
    /// arg-max positions when `idx` is given. NaN wins, as in PyTorch.
    private static func pairPool(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>,
                                 _ idx: UnsafeMutableBufferPointer<Int32>?, src: Int, dst: Int, width: Int,
                                 outHeight: Int, outWidth: Int) {
        let lanes = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
        for i in 0..<outHeight {
            let top = src + 2 * i * width, out = dst + i * outWidth
            var j = 0
            while j + 8 <= outWidth {
                let upper = UnsafeRawPointer(x.baseAddress! + top + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                let lower = UnsafeRawPointer(x.baseAddress! + top + width + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                let base = lanes &+ Int32(2 * i * width + 2 * j)
                var best = upper.evenHalf, at = base
                func consider(_ candidate: SIMD8<Float>, offset: Int) {
                    let take = (candidate .> best) .| (candidate .!= candidate)
                    best.replace(with: candidate, where: take)
                    at.replace(with: base &+ Int32(offset), where: take)
                }
                consider(upper.oddHalf, offset: 1)
                consider(lower.evenHalf, offset: width)
                consider(lower.oddHalf, offset: width + 1)
                UnsafeMutableRawPointer(y.baseAddress! + out + j).storeBytes(of: best, as: SIMD8<Float>.self)
                if let idx { UnsafeMutableRawPointer(idx.baseAddress! + out + j).storeBytes(of: at, as: SIMD8<Int32>.self) }
                j += 8
            }
            while j < outWidth {
                let a = top + 2 * j, b = a + 1, c = a + width, d = c + 1
                var best = x[a], at = a
                if x[b] > best || x[b].isNaN { best = x[b]; at = b }
                if x[c] > best || x[c].isNaN { best = x[c]; at = c }
                if x[d] > best || x[d].isNaN { best = x[d]; at = d }
                y[out + j] = best
                idx?[out + j] = Int32(at - src)
                j += 1
            }
        }
    }

    /// Routes each output gradient to its window's arg-max and zero to the other three.
    private static func pairPoolBackward(_ idx: UnsafeBufferPointer<Int32>, _ dy: UnsafeBufferPointer<Float>,
                                         _ dx: UnsafeMutableBufferPointer<Float>, plane: Int, inPlane: Int, outPlane: Int,
                                         width: Int, outWidth: Int) {
        for o in 0..<outPlane {
            let i = o / outWidth, j = o - i * outWidth
            let a = plane * inPlane + 2 * i * width + 2 * j, at = plane * inPlane + Int(idx[plane * outPlane + o])
            let g = dy[plane * outPlane + o]
            dx[a] = 0; dx[a + 1] = 0; dx[a + width] = 0; dx[a + width + 1] = 0
            dx[at] = g
        }
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        // A 2×2/2 pool tiles an even-sized input, so every input element is written below;
        // otherwise windows may overlap or skip elements and the gradient starts at zero.
        let tiles = isPairPool && inputShape[2] % 2 == 0 && inputShape[3] % 2 == 0
        var gradInput = tiles ? Tensor(uninitializedShape: inputShape) : Tensor(shape: inputShape)
        let inPlane = inputShape[2] * inputShape[3], outPlane = gradOutput.shape[2] * gradOutput.shape[3]
        let planes = inputShape[0] * inputShape[1], width = inputShape[3], outWidth = gradOutput.shape[3]
        argmax.withUnsafeBufferPointer { idx in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                gradInput.storage.withUnsafeMutableBufferPointer { dx in
                    parallelism.forEachRange(planes, grain: 16) { range in
                        for plane in range where tiles {
                            Self.pairPoolBackward(idx, dy, dx, plane: plane, inPlane: inPlane, outPlane: outPlane,
                                                  width: width, outWidth: outWidth)
                        }
                        for plane in range where !tiles {
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
