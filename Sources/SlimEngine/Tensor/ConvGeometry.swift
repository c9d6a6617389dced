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

    /// Calls `body(channel, kernelRow, kernelColumn, row, validColumns)` for every im2col row,
    /// the channels spread over `parallelism` (each worker owns whole channels, so rows of
    /// one channel never race).
    private func forEachRow(samples: Int, parallelism: Parallelism,
                            _ body: (_ c: Int, _ ki: Int, _ kj: Int, _ row: Int, _ valid: Range<Int>) -> Void) {
        let kh = kernel.height, kw = kernel.width
        parallelism.forEachRange(channels, grain: max(1, 4096 / max(1, samples * outPlane))) { range in
            for c in range {
                for ki in 0..<kh {
                    for kj in 0..<kw { body(c, ki, kj, (c * kh + ki) * kw + kj, validColumns(kernelColumn: kj)) }
                }
            }
        }
    }

    /// Writes the im2col matrix of `samples` consecutive samples of `input` (starting at
    /// sample `first`) into `cols`, laid out `rows × (samples · outPlane)`.
    func im2col(_ input: UnsafeBufferPointer<Float>, first: Int, samples: Int,
                into cols: UnsafeMutableBufferPointer<Float>, parallelism: Parallelism) {
        let ld = samples * outPlane, keepsSize = keepsSize
        forEachRow(samples: samples, parallelism: parallelism) { c, ki, kj, row, valid in
            for s in 0..<samples {
                let src = input.baseAddress! + (first + s) * inSample + c * inPlane
                let dst = cols.baseAddress! + row * ld + s * outPlane
                if keepsSize {
                    copyShifted(src, into: dst, rowShift: ki - padding.height, columnShift: kj - padding.width)
                } else {
                    copyWindows(src, into: dst, kernelRow: ki, kernelColumn: kj, valid: valid)
                }
            }
        }
    }

    /// Whether the output plane has the input's size with stride 1 ("same" padding): every
    /// im2col row is then the input plane shifted, copied in one block.
    private var keepsSize: Bool {
        stride == Size2D(square: 1) && outHeight == height && outWidth == width
    }

    /// One im2col row of a size-keeping convolution: `dst[oh, ow] = src[oh + r, ow + c]`, zero
    /// outside the image. Whole rows move in one block; the few elements that wrap around a
    /// row edge are zeroed afterwards.
    private func copyShifted(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, rowShift r: Int, columnShift c: Int) {
        let first = max(0, -r), last = min(height, height - r)
        guard first < last, abs(c) < width else { dst.update(repeating: 0, count: inPlane); return }
        dst.update(repeating: 0, count: first * width)
        (dst + last * width).update(repeating: 0, count: (height - last) * width)
        let block = dst + first * width, from = src + (first + r) * width + c, count = (last - first) * width
        if c >= 0 {
            block.update(from: from, count: count - c)
            (block + count - c).update(repeating: 0, count: c)
            for row in 0..<(last - first) { for o in (width - c)..<width { block[row * width + o] = 0 } }
        } else {
            block.update(repeating: 0, count: -c)
            (block - c).update(from: from - c, count: count + c)
            for row in 0..<(last - first) { for o in 0..<(-c) { block[row * width + o] = 0 } }
        }
    }

    /// One im2col row of a general convolution, output row by output row.
    private func copyWindows(_ src: UnsafePointer<Float>, into start: UnsafeMutablePointer<Float>, kernelRow ki: Int,
                             kernelColumn kj: Int, valid: Range<Int>) {
        let ow = outWidth
        var dst = start
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

    /// Adds the im2col-shaped gradient `cols` back onto the input gradient (the transpose of
    /// `im2col`).
    func col2im(_ cols: UnsafeBufferPointer<Float>, first: Int, samples: Int,
                into gradInput: UnsafeMutableBufferPointer<Float>, parallelism: Parallelism) {
        let ld = samples * outPlane, ow = outWidth
        forEachRow(samples: samples, parallelism: parallelism) { c, ki, kj, row, valid in
            guard !valid.isEmpty else { return }
            for s in 0..<samples {
                let dstBase = (first + s) * inSample + c * inPlane
                var src = row * ld + s * outPlane
                for oh in 0..<outHeight {
                    let ih = oh * stride.height - padding.height + ki
                    if ih >= 0 && ih < height {
                        let to = gradInput.baseAddress! + dstBase + ih * width - padding.width + kj
                        let from = cols.baseAddress! + src
                        if stride.width == 1 {
                            for o in valid { to[o] += from[o] }
                        } else {
                            for o in valid { to[o * stride.width] += from[o] }
                        }
                    }
                    src += ow
                }
            }
        }
    }
}
