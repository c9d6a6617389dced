import SlimLog

/// 2-D convolution (groups = 1) through im2col + SGEMM. Weights are `[out, in, kh, kw]` as in
/// PyTorch. Samples are processed in chunks so the im2col matrix stays within a fixed budget
/// while each GEMM stays wide enough to run at full speed.
public struct Conv2d: NetworkLayer {
    public let name: String
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public var weight: Parameter
    public var bias: Parameter?
    private var input: Tensor?
    /// Evaluation's Winograd filters and the weights they came from (see `forwardWinograd`).
    var transformedFilters: TransformedFilters?

    /// Floats the im2col matrix of one chunk should stay within (1 MB, about a core's L2
    /// cache), unless that makes the GEMM narrower than `minimumColumns`.
    private static let columnBudget = 1 << 18
    /// The narrowest GEMM worth running when the batch allows (each GEMM repacks the
    /// weights, which dominates narrow products).
    private static let minimumColumns = 256

    /// A convolution with the given weights (`[out, in, kh, kw]`) and optional bias (`[out]`).
    public init(name: String, weight: Tensor, bias: Tensor? = nil, stride: Size2D = Size2D(square: 1),
                padding: Size2D = Size2D(square: 0)) {
        precondition(weight.shape.count == 4, "Conv2d weight must be [out, in, kh, kw]")
        self.name = name
        outChannels = weight.shape[0]
        inChannels = weight.shape[1]
        kernel = Size2D(weight.shape[2], weight.shape[3])
        self.stride = stride
        self.padding = padding
        self.weight = Parameter(name: name + ".weight", value: weight)
        self.bias = bias.map { Parameter(name: name + ".bias", value: $0) }
    }

    func geometry(_ shape: [Int]) -> ConvGeometry {
        ConvGeometry(channels: shape[0], height: shape[1], width: shape[2], kernel: kernel,
                     stride: stride, padding: padding)
    }

    public func outputShape(for shape: [Int]) -> [Int]? {
        guard shape.count == 3, shape[0] == inChannels, geometry(shape).isValid else { return nil }
        let g = geometry(shape)
        return [outChannels, g.outHeight, g.outWidth]
    }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .conv2d, inShape: inShape, outShape: outputShape(for: inShape) ?? [],
                      kernel: kernel.array, stride: stride.array, padding: padding.array, groups: 1,
                      bias: bias != nil)
    }

    /// How the batch is split: units of `chunk` samples, handed to the workers dynamically
    /// (each runs im2col and a single-threaded GEMM on its unit, so no thread waits for
    /// another). Chunks keep im2col in cache but GEMMs at least `minimumColumns` wide, and
    /// give every worker work. A batch smaller than the worker count runs on one worker, with
    /// OpenBLAS's own threads only when the product is large enough to pay for waking them
    /// (at batch 1 a small network's GEMMs otherwise wait on thread hand-offs, and measured
    /// latency swings by 10× whenever another process holds a core).
    func schedule(_ g: ConvGeometry, batch: Int, parallelism: Parallelism)
        -> (workers: Int, blasThreads: Int, chunk: Int, units: Int) {
        let macs = outChannels * g.rows * g.outPlane * batch
        let (workers, blasThreads) = batch >= parallelism.threads ? (parallelism.threads, 1)
            : (1, macs >= Parallelism.threadedProductMACs ? parallelism.threads : 1)
        let wide = (Self.minimumColumns + g.outPlane - 1) / g.outPlane
        let cached = Self.columnBudget / max(1, g.rows * g.outPlane)
        // A pointwise conv runs one sample per GEMM straight on the tensors: gathering samples
        // into a wider GEMM would cost two copies, more than the narrower GEMM loses.
        let chunk = isPointwise ? 1 : max(1, min((batch + workers - 1) / workers, max(wide, cached)))
        return (workers, blasThreads, chunk, (batch + chunk - 1) / chunk)
    }

    /// Whether im2col is the identity on one sample (1×1 kernel, stride 1, no padding): the
    /// GEMMs then read the input and write the input gradient directly.
    var isPointwise: Bool {
        kernel == Size2D(square: 1) && stride == Size2D(square: 1) && padding == Size2D(square: 0)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        forward(input, mode: mode, epilogue: nil, parallelism: parallelism)
    }

    /// The forward pass with `epilogue` (a folded evaluation-mode BatchNorm and ReLU, see
    /// `LayerFusion`) applied to each chunk of the output while it is still in cache.
    mutating func forward(_ input: Tensor, mode: ForwardMode, epilogue: ChannelEpilogue?, parallelism: Parallelism) -> Tensor {
        let g = geometry(input.sampleShape)
        let biasValues = bias?.value.storage
        let finish = epilogue.map { e in biasValues.map { e.addingBias($0) } ?? e } ?? biasValues.map { ChannelEpilogue(bias: $0) }
        let output = runsWinograd(g, batch: input.batch)
            ? forwardWinograd(input, geometry: g, mode: mode, epilogue: finish, parallelism: parallelism)
            : runsThroughOutput(g)
            ? forwardThroughOutput(input, geometry: g, epilogue: finish, parallelism: parallelism)
            : forwardThroughInput(input, geometry: g, epilogue: finish, parallelism: parallelism)
        self.input = mode == .training ? input : nil
        return output
    }

    /// The forward pass as one GEMM of the weights with the input's im2col per chunk.
    private func forwardThroughInput(_ input: Tensor, geometry g: ConvGeometry, epilogue finish: ChannelEpilogue?,
                                     parallelism: Parallelism) -> Tensor {
        let n = input.batch, outPlane = g.outPlane, rows = g.rows, outC = outChannels
        var output = Tensor(uninitializedShape: [n, outC, g.outHeight, g.outWidth])
        let plan = schedule(g, batch: n, parallelism: parallelism)
        let chunk = plan.chunk, pointwise = isPointwise
        BLAS.setThreads(plan.blasThreads)
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    Parallelism(threads: plan.workers).forEachUnit(plan.units) { _, take in
                        let direct = chunk == 1
                        var cols = [Float](unsafeUninitializedCapacity: direct && pointwise ? 0 : rows * chunk * outPlane) { $1 = $0.count }
                        var product = [Float](unsafeUninitializedCapacity: direct ? 0 : outC * chunk * outPlane) { $1 = $0.count }
                        cols.withUnsafeMutableBufferPointer { colBuf in
                            product.withUnsafeMutableBufferPointer { prod in
                                while let unit = take() {
                                    let first = unit * chunk, count = min(chunk, n - first), width = count * outPlane
                                    let b: UnsafeBufferPointer<Float>
                                    if direct && pointwise {
                                        b = UnsafeBufferPointer(rebasing: x[(first * g.inSample)..<((first + 1) * g.inSample)])
                                    } else {
                                        g.im2col(x, first: first, samples: count, into: colBuf, parallelism: .serial)
                                        b = UnsafeBufferPointer(colBuf)
                                    }
                                    let dst = direct ? UnsafeMutableBufferPointer(rebasing: y[(first * outC * outPlane)...]) : prod
                                    BLAS.gemm(.none, .none, m: outC, n: width, k: rows, a: w, lda: rows, b: b, ldb: width,
                                              c: dst, ldc: width)
                                    Self.scatter(direct ? nil : UnsafeBufferPointer(prod), into: y, first: first, samples: count,
                                                 channels: outC, plane: outPlane, epilogue: finish)
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

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        guard let input else { preconditionFailure("\(name): backward without a training forward") }
        let g = geometry(input.sampleShape)
        let winograd = runsWinograd(g, batch: input.batch)
        if runsThroughOutput(g) && !winograd {
            return backwardThroughOutput(gradOutput, input: input, geometry: g, needsInputGradient: needsInputGradient,
                                         parallelism: parallelism)
        }
        let n = input.batch, outPlane = g.outPlane, rows = g.rows, outC = outChannels
        let plan = schedule(g, batch: n, parallelism: parallelism)
        let pointwise = isPointwise
        // col2im adds into the gradient; a pointwise conv of one sample per unit writes it whole.
        // Through Winograd, the units compute only the weight gradient and dX comes afterwards.
        let unitsInputGradient = needsInputGradient && !winograd
        var gradInput = !unitsInputGradient ? Tensor(shape: [0])
            : pointwise && plan.chunk == 1 ? Tensor(uninitializedShape: input.shape) : Tensor(shape: input.shape)
        // One weight-gradient partial per worker, summed afterwards; each worker takes a fixed
        // share of the units so the sum is the same in every run.
        var partials = [Float](repeating: 0, count: plan.workers * outC * rows)
        BLAS.setThreads(plan.blasThreads)
        input.storage.withUnsafeBufferPointer { x in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                weight.value.storage.withUnsafeBufferPointer { w in
                    partials.withUnsafeMutableBufferPointer { part in
                        gradInput.storage.withUnsafeMutableBufferPointer { dx in
                            Parallelism(threads: plan.workers).forEachUnitInOrder(plan.units) { worker, take in
                                let dw = UnsafeMutableBufferPointer(rebasing: part[(worker * outC * rows)..<((worker + 1) * outC * rows)])
                                Self.backwardUnits(take, chunk: plan.chunk, batch: n, geometry: g, pointwise: pointwise,
                                                   outChannels: outC, x: x, dy: dy, w: w, dw: dw, dx: unitsInputGradient ? dx : nil)
                            }
                        }
                    }
                }
            }
        }
        BLAS.setThreads(1)
        weight.grad.storage.withUnsafeMutableBufferPointer { dw in
            for worker in 0..<plan.workers {
                for i in 0..<dw.count { dw[i] += partials[worker * dw.count + i] }
            }
        }
        if bias != nil {
            let sums = Self.channelSums(gradOutput, channels: outC, plane: outPlane)
            bias!.grad.storage.withUnsafeMutableBufferPointer { db in
                for o in 0..<outC { db[o] += sums[o] }
            }
        }
        if winograd && needsInputGradient { gradInput = winogradInputGradient(gradOutput, geometry: g, parallelism: parallelism) }
        return needsInputGradient ? gradInput : nil
    }

    /// The backward pass of the units one worker takes: dW += dY·colsᵀ, dcols = Wᵀ·dY, col2im
    /// (for a pointwise conv of one sample per unit, the input stands for cols and dX for dcols).
    private static func backwardUnits(_ take: () -> Int?, chunk: Int, batch n: Int, geometry g: ConvGeometry,
                                      pointwise: Bool, outChannels outC: Int, x: UnsafeBufferPointer<Float>, dy: UnsafeBufferPointer<Float>,
                                      w: UnsafeBufferPointer<Float>, dw: UnsafeMutableBufferPointer<Float>,
                                      dx: UnsafeMutableBufferPointer<Float>?) {
        let rows = g.rows, outPlane = g.outPlane, direct = pointwise && chunk == 1
        var cols = [Float](unsafeUninitializedCapacity: direct ? 0 : rows * chunk * outPlane) { $1 = $0.count }
        var gradCols = [Float](unsafeUninitializedCapacity: dx != nil && !direct ? rows * chunk * outPlane : 0) { $1 = $0.count }
        var gathered = [Float](unsafeUninitializedCapacity: chunk > 1 ? outC * chunk * outPlane : 0) { $1 = $0.count }
        cols.withUnsafeMutableBufferPointer { colBuf in
            gradCols.withUnsafeMutableBufferPointer { dcols in
                gathered.withUnsafeMutableBufferPointer { gath in
                    while let unit = take() {
                        let first = unit * chunk, count = min(chunk, n - first), width = count * outPlane
                        let dyMat: UnsafeBufferPointer<Float>
                        if count == 1 {
                            dyMat = UnsafeBufferPointer(rebasing: dy[(first * outC * outPlane)...])
                        } else {
                            gather(dy, into: gath, first: first, samples: count, channels: outC, plane: outPlane)
                            dyMat = UnsafeBufferPointer(gath)
                        }
                        let sample = (first * g.inSample)..<((first + 1) * g.inSample)
                        let colMat: UnsafeBufferPointer<Float>
                        if direct {
                            colMat = UnsafeBufferPointer(rebasing: x[sample])
                        } else {
                            g.im2col(x, first: first, samples: count, into: colBuf, parallelism: .serial)
                            colMat = UnsafeBufferPointer(colBuf)
                        }
                        BLAS.gemm(.none, .transposed, m: outC, n: rows, k: width, a: dyMat, lda: width,
                                  b: colMat, ldb: width, beta: 1, c: dw, ldc: rows)
                        if let dx, direct {
                            BLAS.gemm(.transposed, .none, m: rows, n: width, k: outC, a: w, lda: rows,
                                      b: dyMat, ldb: width, c: UnsafeMutableBufferPointer(rebasing: dx[sample]), ldc: width)
                        } else if let dx {
                            BLAS.gemm(.transposed, .none, m: rows, n: width, k: outC, a: w, lda: rows,
                                      b: dyMat, ldb: width, c: dcols, ldc: width)
                            g.col2im(UnsafeBufferPointer(dcols), first: first, samples: count, into: dx, parallelism: .serial)
                        }
                    }
                }
            }
        }
    }

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }
}

extension Conv2d {
    /// Copies a `channels × (samples · plane)` product into NCHW output samples, applying
    /// `epilogue` on the way; with no product, applies `epilogue` to the samples in place.
    static func scatter(_ product: UnsafeBufferPointer<Float>?, into y: UnsafeMutableBufferPointer<Float>,
                                    first: Int, samples: Int, channels: Int, plane: Int, epilogue: ChannelEpilogue?) {
        guard product != nil || epilogue != nil else { return }
        let width = samples * plane
        for o in 0..<channels {
            for s in 0..<samples {
                let dst = y.baseAddress! + ((first + s) * channels + o) * plane
                let src = product.map { UnsafePointer($0.baseAddress! + o * width + s * plane) } ?? UnsafePointer(dst)
                if let epilogue {
                    epilogue.apply(channel: o, src, dst, count: plane)
                } else {
                    dst.update(from: src, count: plane)
                }
            }
        }
    }

    /// The inverse of `scatter`: NCHW samples into a `channels × (samples · plane)` matrix.
    static func gather(_ dy: UnsafeBufferPointer<Float>, into matrix: UnsafeMutableBufferPointer<Float>,
                                   first: Int, samples: Int, channels: Int, plane: Int) {
        let width = samples * plane
        for o in 0..<channels {
            for s in 0..<samples {
                let src = ((first + s) * channels + o) * plane, dst = o * width + s * plane
                for p in 0..<plane { matrix[dst + p] = dy[src + p] }
            }
        }
    }

    /// Σ over batch and plane of each channel of an NCHW tensor.
    static func channelSums(_ t: Tensor, channels: Int, plane: Int) -> [Float] {
        var sums = [Float](repeating: 0, count: channels)
        t.storage.withUnsafeBufferPointer { v in
            for index in 0..<(t.count / plane) {
                sums[index % channels] += Float(VectorKernels.sum(v, index * plane, plane))
            }
        }
        return sums
    }
}
