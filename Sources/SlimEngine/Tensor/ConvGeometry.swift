/// Height and width of a kernel, stride or padding.
public struct Size2D: Sendable, Equatable {
    public var height: Int
    public var width: Int
    public init(_ height: Int, _ width: Int) { self.height = height; self.width = width }
    /// The same size in both directions.
    public init(square: Int) { self.init(square, square) }
    var array: [Int] { [height, width] }
}

/// The sliding-window arithmetic shared by convolution and pooling, and the im2col/col2im
/// transforms that turn a convolution into one matrix product.
struct ConvGeometry: Sendable, Equatable {
    var channels: Int
    var height: Int
    var width: Int
    var kernel: Size2D
    var stride: Size2D
    var padding: Size2D

    var outHeight: Int { (height + 2 * padding.height - kernel.height) / stride.height + 1 }
    var outWidth: Int { (width + 2 * padding.width - kernel.width) / stride.width + 1 }
    var outPlane: Int { outHeight * outWidth }
    var inPlane: Int { height * width }
    var inSample: Int { channels * inPlane }
    /// Rows of the im2col matrix: one per (channel, kernel row, kernel column).
    var rows: Int { channels * kernel.height * kernel.width }
    /// Whether the window fits the padded input at least once.
    var isValid: Bool {
        height + 2 * padding.height >= kernel.height && width + 2 * padding.width >= kernel.width
            && kernel.height > 0 && kernel.width > 0 && stride.height > 0 && stride.width > 0
    }

    /// Output columns `lo..<hi` whose input column `ow·stride − pad + kj` lies inside the image.
    func validColumns(kernelColumn kj: Int) -> Range<Int> {
        let shift = kj - padding.width
        let lo = shift >= 0 ? 0 : (-shift + stride.width - 1) / stride.width
        let hiIn = width - 1 - shift
        let hi = hiIn < 0 ? 0 : min(outWidth, hiIn / stride.width + 1)
        return lo..<max(lo, hi)
    }

    /// Writes the im2col matrix of `samples` consecutive samples of `input` (starting at
    /// sample `first`) into `cols`, laid out `rows × (samples · outPlane)`.
    func im2col(_ input: UnsafeBufferPointer<Float>, first: Int, samples: Int,
                into cols: UnsafeMutableBufferPointer<Float>, parallelism: Parallelism) {
        let ld = samples * outPlane
        let kh = kernel.height, kw = kernel.width, ow = outWidth
        parallelism.forEachRange(channels, grain: max(1, 4096 / max(1, samples * outPlane))) { range in
            for c in range {
                for ki in 0..<kh {
                    for kj in 0..<kw {
                        let row = (c * kh + ki) * kw + kj
                        let valid = validColumns(kernelColumn: kj)
                        for s in 0..<samples {
                            let src = input.baseAddress! + (first + s) * inSample + c * inPlane
                            var dst = cols.baseAddress! + row * ld + s * outPlane
                            for oh in 0..<outHeight {
                                let ih = oh * stride.height - padding.height + ki
                                if ih < 0 || ih >= height || valid.isEmpty {
                                    dst.update(repeating: 0, count: ow)
                                } else {
                                    dst.update(repeating: 0, count: valid.lowerBound)
                                    let base = src + ih * width - padding.width + kj
                                    if stride.width == 1 {
                                        (dst + valid.lowerBound).update(from: base + valid.lowerBound, count: valid.count)
                                    } else {
                                        for o in valid { dst[o] = base[o * stride.width] }
                                    }
                                    (dst + valid.upperBound).update(repeating: 0, count: ow - valid.upperBound)
                                }
                                dst += ow
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds the im2col-shaped gradient `cols` back onto the input gradient (the transpose of
    /// `im2col`).
    func col2im(_ cols: UnsafeBufferPointer<Float>, first: Int, samples: Int,
                into gradInput: UnsafeMutableBufferPointer<Float>, parallelism: Parallelism) {
        let ld = samples * outPlane
        let kh = kernel.height, kw = kernel.width, ow = outWidth
        parallelism.forEachRange(channels, grain: max(1, 4096 / max(1, samples * outPlane))) { range in
            for c in range {
                for ki in 0..<kh {
                    for kj in 0..<kw {
                        let row = (c * kh + ki) * kw + kj
                        let valid = validColumns(kernelColumn: kj)
                        if valid.isEmpty { continue }
                        for s in 0..<samples {
                            let dstBase = (first + s) * inSample + c * inPlane
                            var src = row * ld + s * outPlane
                            for oh in 0..<outHeight {
                                let ih = oh * stride.height - padding.height + ki
                                if ih >= 0 && ih < height {
                                    let base = dstBase + ih * width - padding.width + kj
                                    for o in valid { gradInput[base + o * stride.width] += cols[src + o] }
                                }
                                src += ow
                            }
                        }
                    }
                }
            }
        }
    }
}
