/// Winograd's minimal filtering F(4×4, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional
/// Neural Networks", 2016) for a 3×3 convolution with stride 1 and padding 1. Each 4×4 block
/// of output is computed from a 6×6 block of input in a transformed domain where the
/// convolution becomes 36 independent products: for every position ξ of the 6×6 transform,
/// M[ξ] (outputs × tiles) = V[ξ] (outputs × inputs) · U[ξ] (inputs × tiles), one SGEMM each,
/// with 36 multiply-adds per 16 outputs instead of 144. The transforms are exact in real
/// arithmetic; in Float32 they differ from the direct sum by a few ulps of the largest term.
///
/// Matrices (interpolation points 0, ±1, ±2, ∞):
/// Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1],
/// G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1⁄24 1⁄12 ⅙; 1⁄24 −1⁄12 ⅙; 0 0 1],
/// Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1].
struct WinogradF43: Sendable {
    /// Channels read (the inputs of the convolution computed).
    var inputs: Int
    /// Channels written.
    var outputs: Int
    var height: Int
    var width: Int

    var tilesY: Int { (height + 3) / 4 }
    var tilesX: Int { (width + 3) / 4 }
    var tilesPerSample: Int { tilesY * tilesX }

    /// Floats a group of samples keeps in the transformed domain (U and M) at most: 2¹⁸ floats
    /// (1 MB, about a core's L2), so the products read U and the output transform reads M
    /// from cache. On Ice Lake this made mnist-vgg 15 % and vgg19's inference 15–30 % faster
    /// than groups of 8 MB.
    static let groupBudget = 1 << 18
    /// The narrowest product worth running: below 64 columns the SGEMMs' packing dominates, so
    /// a group spans at least this many tiles when the batch allows.
    static let minimumColumns = 64

    /// Multiply-adds per output of F(4×4, 3×3) on this plane, against 9 for the direct sum:
    /// partial tiles at the edges compute outputs that are thrown away.
    var multiplyAddsPerOutput: Double {
        Double(36 * tilesPerSample) / Double(height * width)
    }

    typealias Lanes = SIMD16<Float>

    /// V[ξ][o][i] = (G·g·Gᵀ)[ξ] for the 3×3 filter g = w[o, i] of `[outputs, inputs, 3, 3]`
    /// weights; with `flipped`, g = w[i, o] rotated by 180° from `[inputs, outputs, 3, 3]`
    /// weights (the filters of the input gradient of that convolution). Sixteen filters of
    /// consecutive inputs at a time, one per SIMD lane, so every ξ is stored contiguously.
    func filters(_ w: UnsafeBufferPointer<Float>, flipped: Bool, parallelism: Parallelism) -> [Float] {
        let outC = outputs, inC = inputs, plane = outC * inC, blocks = (inC + 15) / 16
        var v = [Float](unsafeUninitializedCapacity: 36 * plane) { $1 = $0.count }
        v.withUnsafeMutableBufferPointer { v in
            parallelism.forEachRange(outC * blocks, grain: 16) { range in
                withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 9 + 18 + 36) { scratch in
                    let g = scratch.baseAddress!, raw = UnsafeMutableRawPointer(g)
                    for index in range {
                        let o = index / blocks, i0 = (index % blocks) * 16, lanes = min(16, inC - i0)
                        for lane in 0..<16 {
                            let i = i0 + min(lane, lanes - 1)
                            let base = flipped ? (i * outC + o) * 9 : (o * inC + i) * 9
                            for t in 0..<9 {
                                raw.storeBytes(of: w[base + (flipped ? 8 - t : t)], toByteOffset: (t * 16 + lane) * 4, as: Float.self)
                            }
                        }
                        // G·g (6×3, column by column), then each row of that times Gᵀ.
                        let gg = g + 9, out = g + 27
                        for col in 0..<3 { Self.interpolate(g + col, 3, into: gg + col, 3) }
                        for row in 0..<6 { Self.interpolate(gg + row * 3, 1, into: out + row * 6, 1) }
                        Self.store(out, count: 36, into: v.baseAddress! + o * inC + i0, stride: plane, lanes: lanes)
                    }
                }
            }
        }
        return v
    }

    /// G·(a, b, c)ᵀ lane by lane: three vectors `stride` apart in, six `outStride` apart out.
    @inline(__always)
    private static func interpolate(_ x: UnsafeMutablePointer<Lanes>, _ stride: Int, into y: UnsafeMutablePointer<Lanes>,
                                    _ outStride: Int) {
        let a = x[0], b = x[stride], c = x[2 * stride]
        let a24 = a * (1 / 24), b12 = b * (1 / 12), c6 = c * (1 / 6)
        y[0] = a * 0.25
        y[outStride] = (a + b + c) * (-1 / 6)
        y[2 * outStride] = (a - b + c) * (-1 / 6)
        y[3 * outStride] = a24 + b12 + c6
        y[4 * outStride] = a24 - b12 + c6
        y[5 * outStride] = c
    }

    /// Bᵀ·(d0 … d5)ᵀ lane by lane, vectors `stride` apart, in place.
    @inline(__always)
    private static func inputRows(_ d: UnsafeMutablePointer<Lanes>, _ stride: Int) {
        let d0 = d[0], d1 = d[stride], d2 = d[2 * stride], d3 = d[3 * stride], d4 = d[4 * stride], d5 = d[5 * stride]
        d[0] = 4 * d0 - 5 * d2 + d4
        d[stride] = -4 * (d1 + d2) + d3 + d4
        d[2 * stride] = 4 * (d1 - d2) - d3 + d4
        d[3 * stride] = 2 * (d3 - d1) - d2 + d4
        d[4 * stride] = 2 * (d1 - d3) - d2 + d4
        d[5 * stride] = 4 * d1 - 5 * d3 + d5
    }

    /// Aᵀ·(m0 … m5)ᵀ lane by lane: six vectors `stride` apart in, four `outStride` apart out.
    @inline(__always)
    private static func outputRows(_ m: UnsafeMutablePointer<Lanes>, _ stride: Int, into y: UnsafeMutablePointer<Lanes>,
                                   _ outStride: Int) {
        let m0 = m[0], m5 = m[5 * stride]
        let a = m[stride] + m[2 * stride], b = m[stride] - m[2 * stride]
        let p = m[3 * stride] + m[4 * stride], q = m[3 * stride] - m[4 * stride]
        y[0] = m0 + a + p
        y[outStride] = b + 2 * q
        y[2 * outStride] = a + 4 * p
        y[3 * outStride] = b + 8 * q + m5
    }

    /// Stores `count` vectors, the k-th to `p + k·stride`, only the first `lanes` lanes of each.
    @inline(__always)
    private static func store(_ x: UnsafeMutablePointer<Lanes>, count: Int, into p: UnsafeMutablePointer<Float>, stride: Int,
                              lanes: Int) {
        if lanes == 16 {
            for k in 0..<count { UnsafeMutableRawPointer(p + k * stride).storeBytes(of: x[k], as: Lanes.self) }
        } else {
            let raw = UnsafeRawPointer(x)
            for k in 0..<count {
                for lane in 0..<lanes { p[k * stride + lane] = raw.load(fromByteOffset: (k * 16 + lane) * 4, as: Float.self) }
            }
        }
    }
}

extension WinogradF43 {
    /// y = conv(x, filters) over `batch` samples (NCHW, `inputs` channels in, `outputs` out,
    /// same plane), `filters` from `filters(_:flipped:parallelism:)`, with `epilogue` applied
    /// to each output as it is written. Samples go in groups whose transformed data fits
    /// `groupBudget`. With at least one group per worker, each worker takes whole groups
    /// (dynamically) and runs them alone, so its U and M stay in its own core's cache and no
    /// thread waits for another; otherwise the groups run one after another, the transforms
    /// split over channels and the 36 products over the workers when the products are large
    /// (one worker does all when they are small). Either way every output is
    /// computed the same way, so results do not depend on the thread count.
    func convolve(_ x: UnsafeBufferPointer<Float>, batch: Int, filters v: UnsafeBufferPointer<Float>,
                  into y: UnsafeMutableBufferPointer<Float>, epilogue: ChannelEpilogue?, parallelism: Parallelism) {
        let perSample = 36 * (inputs + outputs) * tilesPerSample
        let group = max(1, min(batch, max(Self.groupBudget / perSample, (Self.minimumColumns + tilesPerSample - 1) / tilesPerSample)))
        let groups = (batch + group - 1) / group
        let perWorker = groups >= parallelism.threads
        // Fewer groups than workers (a small batch): the phases of a group are split over the
        // workers only when its products are large enough to pay for the hand-offs, as
        // for the OpenBLAS threads of an im2col product (`Parallelism.threadedProductMACs`).
        let macs = 36 * outputs * inputs * min(group, batch) * tilesPerSample
        let shared = macs >= Parallelism.threadedProductMACs ? parallelism : .serial
        BLAS.setThreads(1)
        Parallelism(threads: perWorker ? parallelism.threads : 1).forEachUnit(groups) { _, take in
            var u = [Float](unsafeUninitializedCapacity: 36 * inputs * group * tilesPerSample) { $1 = $0.count }
            var m = [Float](unsafeUninitializedCapacity: 36 * outputs * group * tilesPerSample) { $1 = $0.count }
            u.withUnsafeMutableBufferPointer { u in
                m.withUnsafeMutableBufferPointer { m in
                    while let index = take() {
                        let first = index * group
                        run(x, first: first, count: min(group, batch - first), filters: v, u: u, m: m, into: y, epilogue: epilogue,
                            parallelism: perWorker ? .serial : shared)
                    }
                }
            }
        }
    }

    /// `convolve` on whole tensors: x is `[batch, inputs, height, width]`, the result
    /// `[batch, outputs, height, width]`.
    func convolve(_ x: Tensor, filters: [Float], epilogue: ChannelEpilogue?, parallelism: Parallelism) -> Tensor {
        var y = Tensor(uninitializedShape: [x.batch, outputs, height, width])
        x.storage.withUnsafeBufferPointer { xs in
            filters.withUnsafeBufferPointer { v in
                y.storage.withUnsafeMutableBufferPointer { ys in
                    convolve(xs, batch: x.batch, filters: v, into: ys, epilogue: epilogue, parallelism: parallelism)
                }
            }
        }
        return y
    }

    /// One group: samples `first..<first + count` through the input transform, the 36
    /// products and the output transform, each phase spread over `parallelism`.
    private func run(_ x: UnsafeBufferPointer<Float>, first: Int, count: Int, filters v: UnsafeBufferPointer<Float>,
                     u: UnsafeMutableBufferPointer<Float>, m: UnsafeMutableBufferPointer<Float>,
                     into y: UnsafeMutableBufferPointer<Float>, epilogue: ChannelEpilogue?, parallelism: Parallelism) {
        let inC = inputs, outC = outputs, t = count * tilesPerSample, blocks = (t + 15) / 16
        parallelism.forEachRange(inC, grain: max(1, 64 / blocks)) { range in
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 36) { d in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: count * paddedPlane) { padded in
                    for channel in range {
                        pad(x, first: first, samples: count, channel: channel, into: padded.baseAddress!)
                        for block in 0..<blocks {
                            transformInput(padded.baseAddress!, channel: channel, tile: block * 16, tiles: t,
                                           scratch: d.baseAddress!, into: u.baseAddress!)
                        }
                    }
                }
            }
        }
        Parallelism(threads: min(parallelism.threads, 36)).forEachUnit(36) { _, take in
            while let xi = take() {
                BLAS.gemm(.none, .none, m: outC, n: t, k: inC,
                          a: UnsafeBufferPointer(rebasing: v[(xi * outC * inC)..<((xi + 1) * outC * inC)]), lda: inC,
                          b: UnsafeBufferPointer(rebasing: u[(xi * inC * t)..<((xi + 1) * inC * t)]), ldb: t,
                          c: UnsafeMutableBufferPointer(rebasing: m[(xi * outC * t)..<((xi + 1) * outC * t)]), ldc: t)
            }
        }
        parallelism.forEachRange(outC * blocks, grain: 8) { range in
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 36 + 24 + 16) { scratch in
                for index in range {
                    transformOutput(m.baseAddress!, first: first, channel: index / blocks, tile: (index % blocks) * 16,
                                    tiles: t, scratch: scratch.baseAddress!, into: y, epilogue: epilogue)
                }
            }
        }
    }

    /// Rows and columns of a channel plane padded to whole tiles: one zero row and column
    /// before, the rest after.
    private var paddedHeight: Int { 4 * tilesY + 2 }
    private var paddedWidth: Int { 4 * tilesX + 2 }
    private var paddedPlane: Int { paddedHeight * paddedWidth }

    /// Copies channel `channel` of samples `first..<first + samples` into zero-padded planes.
    private func pad(_ x: UnsafeBufferPointer<Float>, first: Int, samples: Int, channel: Int,
                     into padded: UnsafeMutablePointer<Float>) {
        let h = height, w = width, pw = paddedWidth
        padded.update(repeating: 0, count: samples * paddedPlane)
        for s in 0..<samples {
            let src = x.baseAddress! + ((first + s) * inputs + channel) * h * w, dst = padded + s * paddedPlane + pw + 1
            for row in 0..<h { (dst + row * pw).update(from: src + row * w, count: w) }
        }
    }

    /// Bᵀ·d·B of the 6×6 input blocks of tiles `tile..<tile + 16` of one channel of a group,
    /// one tile per lane, read from the group's zero-padded planes of that channel and written
    /// to U[ξ][channel][tile…] (`tiles` columns per row).
    private func transformInput(_ padded: UnsafeMutablePointer<Float>, channel: Int, tile: Int, tiles: Int,
                                scratch d: UnsafeMutablePointer<Lanes>, into u: UnsafeMutablePointer<Float>) {
        let lanes = min(16, tiles - tile), pw = paddedWidth, raw = UnsafeMutableRawPointer(d)
        var position = TilePosition(tile, of: self)
        for lane in 0..<16 {
            let offset: Int = position.sample &* paddedPlane &+ 4 &* (position.row &* pw &+ position.column)
            let src = padded + offset
            for r in 0..<6 {
                let row = src + r &* pw, lane0: Int = (r &* 96 &+ lane) &* 4
                for c in 0..<6 { raw.storeBytes(of: row[c], toByteOffset: lane0 &+ c &* 64, as: Float.self) }
            }
            if lane + 1 < lanes { position.advance(in: self) }
        }
        for c in 0..<6 { Self.inputRows(d + c, 6) }
        for r in 0..<6 { Self.inputRows(d + r * 6, 1) }
        Self.store(d, count: 36, into: u + channel * tiles + tile, stride: inputs * tiles, lanes: lanes)
    }

    /// Aᵀ·m·A of tiles `tile..<tile + 16` of one output channel (one tile per lane), read from
    /// M[ξ][channel][tile…], `epilogue` applied, the 4×4 blocks written into their planes (cut
    /// at the edges).
    private func transformOutput(_ m: UnsafeMutablePointer<Float>, first: Int, channel: Int, tile: Int, tiles: Int,
                                 scratch: UnsafeMutablePointer<Lanes>, into y: UnsafeMutableBufferPointer<Float>,
                                 epilogue: ChannelEpilogue?) {
        let h = height, w = width, lanes = min(16, tiles - tile), stride = outputs * tiles
        let source = m + channel * tiles + tile
        let block = scratch, rows = scratch + 36, out = scratch + 60
        for xi in 0..<36 {
            if lanes == 16 {
                block[xi] = UnsafeRawPointer(source + xi * stride).loadUnaligned(as: Lanes.self)
            } else {
                var value = Lanes()
                for lane in 0..<lanes { value[lane] = source[xi * stride + lane] }
                block[xi] = value
            }
        }
        for c in 0..<6 { Self.outputRows(block + c, 6, into: rows + c, 6) }
        for r in 0..<4 { Self.outputRows(rows + r * 6, 1, into: out + r * 4, 1) }
        if let epilogue {
            let scale = Lanes(repeating: epilogue.scale[channel]), shift = Lanes(repeating: epilogue.shift[channel])
            for k in 0..<16 {
                let value = out[k] * scale + shift
                out[k] = epilogue.relu ? value.replacing(with: 0, where: value .< 0) : value
            }
        }
        let raw = UnsafeRawPointer(out)
        var position = TilePosition(tile, of: self)
        for lane in 0..<lanes {
            let top = 4 * position.row, left = 4 * position.column
            let plane = y.baseAddress! + ((first + position.sample) * outputs + channel) * h * w
            position.advance(in: self)
            let offset: Int = top &* w &+ left
            let dst = plane + offset, src = raw + lane &* 4
            if top + 4 <= h && left + 4 <= w {
                for r in 0..<4 {
                    for c in 0..<4 { dst[r &* w &+ c] = src.load(fromByteOffset: (r &* 4 &+ c) &* 64, as: Float.self) }
                }
            } else {
                for r in 0..<min(4, h - top) {
                    for c in 0..<min(4, w - left) {
                        dst[r &* w &+ c] = src.load(fromByteOffset: (r &* 4 &+ c) &* 64, as: Float.self)
                    }
                }
            }
        }
    }
}

/// Where a tile of a group lies: its sample in the group, and its row and column of tiles.
/// Advanced tile by tile, which avoids three integer divisions per tile.
private struct TilePosition {
    var sample: Int
    var row: Int
    var column: Int

    init(_ tile: Int, of plan: WinogradF43) {
        sample = tile / plan.tilesPerSample
        row = (tile % plan.tilesPerSample) / plan.tilesX
        column = tile % plan.tilesX
    }

    mutating func advance(in plan: WinogradF43) {
        column += 1
        guard column == plan.tilesX else { return }
        column = 0; row += 1
        guard row == plan.tilesY else { return }
        row = 0; sample += 1
    }
}
