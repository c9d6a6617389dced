extension Conv2d {
    /// Whether forward and backward should work on the output side. For a stride-1
    /// convolution with kernel k and padding p, the "backwards" geometry — the output planes
    /// padded by k−1−p, with the flipped, transposed weights W̃[c, (o, k−1−i, k−1−j)] =
    /// W[o, c, i, j] — gives all three products without the input's im2col:
    /// - forward: Z = W̃ᵀ·X (one row per output channel and kernel tap), then Y = col2im(Z);
    /// - backward: D = col(dY), dX = W̃·D and dW̃ = X·Dᵀ.
    /// Z and D have outChannels·k² rows where the input's im2col has inChannels·k², so with at
    /// most half as many outputs as inputs — every dense layer of a DenseNet — far less memory
    /// moves, and no col2im of the input gradient is needed. Closer to the inputs, the col2im
    /// of the output costs more than the smaller product saves.
    func runsThroughOutput(_ g: ConvGeometry) -> Bool {
        stride == Size2D(square: 1) && !isPointwise && 2 * outChannels <= inChannels
            && padding.height < kernel.height && padding.width < kernel.width
    }

    /// The geometry of the backwards convolution: the output planes padded by k−1−p, whose
    /// output planes are the input's.
    private func backwardsGeometry(_ g: ConvGeometry) -> ConvGeometry {
        let back = ConvGeometry(channels: outChannels, height: g.outHeight, width: g.outWidth, kernel: kernel, stride: stride,
                                padding: Size2D(kernel.height - 1 - padding.height, kernel.width - 1 - padding.width))
        precondition(back.outHeight == g.height && back.outWidth == g.width, "\(name): backwards geometry mismatch")
        return back
    }

    /// `forward` on the output side (see `runsThroughOutput`), `epilogue` applied per chunk.
    func forwardThroughOutput(_ input: Tensor, geometry g: ConvGeometry, epilogue: ChannelEpilogue?,
                              parallelism: Parallelism) -> Tensor {
        let back = backwardsGeometry(g)
        let n = input.batch, inC = inChannels, outC = outChannels, rows = back.rows, plane = g.inPlane
        let plan = schedule(g, batch: n, parallelism: parallelism), chunk = plan.chunk
        let flipped = flippedTransposedWeight()
        var output = Tensor(uninitializedShape: [n, outC, g.outHeight, g.outWidth])
        let outSample = outC * g.outPlane
        BLAS.setThreads(plan.blasThreads)
        input.storage.withUnsafeBufferPointer { x in
            flipped.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    Parallelism(threads: plan.workers).forEachUnit(plan.units) { _, take in
                        var taps = [Float](unsafeUninitializedCapacity: rows * chunk * plane) { $1 = $0.count }
                        var gathered = [Float](unsafeUninitializedCapacity: chunk > 1 ? inC * chunk * plane : 0) { $1 = $0.count }
                        taps.withUnsafeMutableBufferPointer { z in
                            gathered.withUnsafeMutableBufferPointer { gath in
                                while let unit = take() {
                                    let first = unit * chunk, count = min(chunk, n - first), width = count * plane
                                    let xMat = Self.inputMatrix(x, first: first, samples: count, channels: inC, plane: plane, gathered: gath)
                                    BLAS.gemm(.transposed, .none, m: rows, n: width, k: inC, a: w, lda: rows, b: xMat,
                                              ldb: width, c: z, ldc: width)
                                    (y.baseAddress! + first * outSample).update(repeating: 0, count: count * outSample)
                                    back.col2im(UnsafeBufferPointer(z), first: first, samples: count, into: y, parallelism: .serial)
                                    Self.scatter(nil, into: y, first: first, samples: count, channels: outC, plane: g.outPlane,
                                                 epilogue: epilogue)
                                }
                            }
                        }
                    }
                }
            }
        }
        BLAS.setThreads(1)
        return output
    }

    /// Samples `first..<first + samples` of an NCHW tensor as one `channels × (samples · plane)`
    /// matrix: the tensor itself for one sample, else gathered into `gathered`.
    private static func inputMatrix(_ x: UnsafeBufferPointer<Float>, first: Int, samples: Int, channels: Int, plane: Int,
                                    gathered: UnsafeMutableBufferPointer<Float>) -> UnsafeBufferPointer<Float> {
        let sample = channels * plane
        guard samples > 1 else { return UnsafeBufferPointer(rebasing: x[(first * sample)..<((first + 1) * sample)]) }
        gather(x, into: gathered, first: first, samples: samples, channels: channels, plane: plane)
        return UnsafeBufferPointer(gathered)
    }

    /// `backward` on the output side (see `runsThroughOutput`); the weight gradient is summed
    /// in the flipped layout from per-worker partials over fixed shares, so it repeats.
    mutating func backwardThroughOutput(_ gradOutput: Tensor, input: Tensor, geometry g: ConvGeometry,
                                        needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        let back = backwardsGeometry(g)
        let n = input.batch, plan = schedule(g, batch: n, parallelism: parallelism)
        let inC = inChannels, rows = back.rows, size = inC * rows
        let flipped = flippedTransposedWeight()
        var gradInput = needsInputGradient ? Tensor(uninitializedShape: input.shape) : Tensor(shape: [0])
        var partials = [Float](repeating: 0, count: plan.workers * size)
        BLAS.setThreads(plan.blasThreads)
        input.storage.withUnsafeBufferPointer { x in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                flipped.withUnsafeBufferPointer { w in
                    partials.withUnsafeMutableBufferPointer { part in
                        gradInput.storage.withUnsafeMutableBufferPointer { dx in
                            Parallelism(threads: plan.workers).forEachUnitInOrder(plan.units) { worker, take in
                                let dw = UnsafeMutableBufferPointer(rebasing: part[(worker * size)..<((worker + 1) * size)])
                                Self.backwardUnitsThroughOutput(take, chunk: plan.chunk, batch: n, geometry: back,
                                                                inChannels: inC, x: x, dy: dy, w: w, dw: dw,
                                                                dx: needsInputGradient ? dx : nil)
                            }
                        }
                    }
                }
            }
        }
        BLAS.setThreads(1)
        addFlippedGradient(partials, workers: plan.workers)
        if bias != nil {
            let sums = Self.channelSums(gradOutput, channels: outChannels, plane: g.outPlane)
            bias!.grad.storage.withUnsafeMutableBufferPointer { db in
                for o in 0..<outChannels { db[o] += sums[o] }
            }
        }
        return needsInputGradient ? gradInput : nil
    }

    /// The units one worker takes: D = col(dY) over the backwards geometry, dW̃ += X·Dᵀ and
    /// dX = W̃·D (X and dX as `inChannels × (samples · plane)` matrices).
    private static func backwardUnitsThroughOutput(_ take: () -> Int?, chunk: Int, batch n: Int, geometry back: ConvGeometry,
                                                   inChannels inC: Int, x: UnsafeBufferPointer<Float>,
                                                   dy: UnsafeBufferPointer<Float>, w: UnsafeBufferPointer<Float>,
                                                   dw: UnsafeMutableBufferPointer<Float>, dx: UnsafeMutableBufferPointer<Float>?) {
        let rows = back.rows, plane = back.outPlane, sample = inC * plane
        var cols = [Float](unsafeUninitializedCapacity: rows * chunk * plane) { $1 = $0.count }
        var gathered = [Float](unsafeUninitializedCapacity: chunk > 1 ? sample * chunk : 0) { $1 = $0.count }
        var product = [Float](unsafeUninitializedCapacity: chunk > 1 && dx != nil ? sample * chunk : 0) { $1 = $0.count }
        cols.withUnsafeMutableBufferPointer { d in
            gathered.withUnsafeMutableBufferPointer { gath in
                product.withUnsafeMutableBufferPointer { prod in
                    while let unit = take() {
                        let first = unit * chunk, count = min(chunk, n - first), width = count * plane
                        back.im2col(dy, first: first, samples: count, into: d, parallelism: .serial)
                        let xMat = inputMatrix(x, first: first, samples: count, channels: inC, plane: plane, gathered: gath)
                        BLAS.gemm(.none, .transposed, m: inC, n: rows, k: width, a: xMat, lda: width,
                                  b: UnsafeBufferPointer(d), ldb: width, beta: 1, c: dw, ldc: rows)
                        guard let dx else { continue }
                        let target = count == 1 ? UnsafeMutableBufferPointer(rebasing: dx[(first * sample)...]) : prod
                        BLAS.gemm(.none, .none, m: inC, n: width, k: rows, a: w, lda: rows, b: UnsafeBufferPointer(d),
                                  ldb: width, c: target, ldc: width)
                        if count > 1 {
                            scatter(UnsafeBufferPointer(prod), into: dx, first: first, samples: count, channels: inC,
                                    plane: plane, epilogue: nil)
                        }
                    }
                }
            }
        }
    }

    /// W̃[c, (o, i′, j′)] = W[o, c, kh−1−i′, kw−1−j′].
    private func flippedTransposedWeight() -> [Float] {
        let kh = kernel.height, kw = kernel.width, inC = inChannels, outC = outChannels
        var flipped = [Float](unsafeUninitializedCapacity: weight.value.count) { $1 = $0.count }
        weight.value.storage.withUnsafeBufferPointer { w in
            for o in 0..<outC {
                for c in 0..<inC {
                    for i in 0..<kh {
                        for j in 0..<kw {
                            flipped[(c * outC + o) * kh * kw + (kh - 1 - i) * kw + (kw - 1 - j)] = w[((o * inC + c) * kh + i) * kw + j]
                        }
                    }
                }
            }
        }
        return flipped
    }

    /// Adds the workers' flipped-layout partials, in worker order, to `weight.grad`.
    private mutating func addFlippedGradient(_ partials: [Float], workers: Int) {
        let kh = kernel.height, kw = kernel.width, inC = inChannels, outC = outChannels, size = partials.count / workers
        weight.grad.storage.withUnsafeMutableBufferPointer { dw in
            for worker in 0..<workers {
                let base = worker * size
                for o in 0..<outC {
                    for c in 0..<inC {
                        for i in 0..<kh {
                            for j in 0..<kw {
                                dw[((o * inC + c) * kh + i) * kw + j] += partials[base + (c * outC + o) * kh * kw + (kh - 1 - i) * kw + (kw - 1 - j)]
                            }
                        }
                    }
                }
            }
        }
    }
}
