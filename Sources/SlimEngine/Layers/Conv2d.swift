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

    /// Floats the im2col matrix of one chunk may take (16 MB).
    private static let columnBudget = 1 << 22

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

    private func geometry(_ shape: [Int]) -> ConvGeometry {
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

    private func samplesPerChunk(_ g: ConvGeometry, batch: Int) -> Int {
        max(1, min(batch, Self.columnBudget / max(1, g.rows * g.outPlane)))
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        let g = geometry(input.sampleShape)
        let n = input.batch, outPlane = g.outPlane, rows = g.rows
        var output = Tensor(shape: [n, outChannels, g.outHeight, g.outWidth])
        let chunk = samplesPerChunk(g, batch: n)
        var cols = [Float](repeating: 0, count: rows * chunk * outPlane)
        var product = [Float](repeating: 0, count: chunk > 1 ? outChannels * chunk * outPlane : 0)
        let biasValues = bias?.value.storage
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    cols.withUnsafeMutableBufferPointer { colBuf in
                        product.withUnsafeMutableBufferPointer { prod in
                            var first = 0
                            while first < n {
                                let samples = min(chunk, n - first)
                                g.im2col(x, first: first, samples: samples, into: colBuf, parallelism: parallelism)
                                let width = samples * outPlane
                                if samples == 1 {
                                    let dst = UnsafeMutableBufferPointer(rebasing: y[(first * outChannels * outPlane)...])
                                    BLAS.gemm(.none, .none, m: outChannels, n: width, k: rows, a: w, lda: rows,
                                              b: UnsafeBufferPointer(colBuf), ldb: width, c: dst, ldc: width)
                                } else {
                                    BLAS.gemm(.none, .none, m: outChannels, n: width, k: rows, a: w, lda: rows,
                                              b: UnsafeBufferPointer(colBuf), ldb: width, c: prod, ldc: width)
                                    Self.scatter(prod, into: y, first: first, samples: samples,
                                                 channels: outChannels, plane: outPlane, parallelism: parallelism)
                                }
                                first += samples
                            }
                            if let biasValues {
                                Self.addBias(biasValues, to: y, batch: n, plane: outPlane, parallelism: parallelism)
                            }
                        }
                    }
                }
            }
        }
        self.input = mode == .training ? input : nil
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        guard let input else { preconditionFailure("\(name): backward without a training forward") }
        let g = geometry(input.sampleShape)
        let n = input.batch, outPlane = g.outPlane, rows = g.rows
        let chunk = samplesPerChunk(g, batch: n)
        var gradInput = Tensor(shape: needsInputGradient ? input.shape : [0])
        var cols = [Float](repeating: 0, count: rows * chunk * outPlane)
        var gradCols = [Float](repeating: 0, count: needsInputGradient ? rows * chunk * outPlane : 0)
        var gathered = [Float](repeating: 0, count: chunk > 1 ? outChannels * chunk * outPlane : 0)
        let outC = outChannels
        input.storage.withUnsafeBufferPointer { x in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                weight.value.storage.withUnsafeBufferPointer { w in
                    weight.grad.storage.withUnsafeMutableBufferPointer { dw in
                        cols.withUnsafeMutableBufferPointer { colBuf in
                            gradCols.withUnsafeMutableBufferPointer { dcols in
                                gathered.withUnsafeMutableBufferPointer { gath in
                                    gradInput.storage.withUnsafeMutableBufferPointer { dx in
                                        var first = 0
                                        while first < n {
                                            let samples = min(chunk, n - first)
                                            let width = samples * outPlane
                                            let dyMat: UnsafeBufferPointer<Float>
                                            if samples == 1 {
                                                dyMat = UnsafeBufferPointer(rebasing: dy[(first * outC * outPlane)...])
                                            } else {
                                                Self.gather(dy, into: gath, first: first, samples: samples,
                                                            channels: outC, plane: outPlane, parallelism: parallelism)
                                                dyMat = UnsafeBufferPointer(gath)
                                            }
                                            g.im2col(x, first: first, samples: samples, into: colBuf, parallelism: parallelism)
                                            BLAS.gemm(.none, .transposed, m: outC, n: rows, k: width, a: dyMat, lda: width,
                                                      b: UnsafeBufferPointer(colBuf), ldb: width, beta: 1, c: dw, ldc: rows)
                                            if needsInputGradient {
                                                BLAS.gemm(.transposed, .none, m: rows, n: width, k: outC, a: w, lda: rows,
                                                          b: dyMat, ldb: width, c: dcols, ldc: width)
                                                g.col2im(UnsafeBufferPointer(dcols), first: first, samples: samples,
                                                         into: dx, parallelism: parallelism)
                                            }
                                            first += samples
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if bias != nil {
            let sums = Self.channelSums(gradOutput, channels: outC, plane: outPlane)
            bias!.grad.storage.withUnsafeMutableBufferPointer { db in
                for o in 0..<outC { db[o] += sums[o] }
            }
        }
        return needsInputGradient ? gradInput : nil
    }

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }
}

extension Conv2d {
    /// Copies a `channels × (samples · plane)` product into NCHW output samples.
    fileprivate static func scatter(_ product: UnsafeMutableBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
                                    first: Int, samples: Int, channels: Int, plane: Int, parallelism: Parallelism) {
        let width = samples * plane
        parallelism.forEachRange(channels) { range in
            for o in range {
                for s in 0..<samples {
                    let dst = ((first + s) * channels + o) * plane, src = o * width + s * plane
                    for p in 0..<plane { y[dst + p] = product[src + p] }
                }
            }
        }
    }

    /// The inverse of `scatter`: NCHW samples into a `channels × (samples · plane)` matrix.
    fileprivate static func gather(_ dy: UnsafeBufferPointer<Float>, into matrix: UnsafeMutableBufferPointer<Float>,
                                   first: Int, samples: Int, channels: Int, plane: Int, parallelism: Parallelism) {
        let width = samples * plane
        parallelism.forEachRange(channels) { range in
            for o in range {
                for s in 0..<samples {
                    let src = ((first + s) * channels + o) * plane, dst = o * width + s * plane
                    for p in 0..<plane { matrix[dst + p] = dy[src + p] }
                }
            }
        }
    }

    fileprivate static func addBias(_ bias: [Float], to y: UnsafeMutableBufferPointer<Float>, batch: Int, plane: Int,
                                    parallelism: Parallelism) {
        let channels = bias.count
        parallelism.forEachRange(batch * channels) { range in
            for index in range {
                let b = bias[index % channels], base = index * plane
                for p in 0..<plane { y[base + p] += b }
            }
        }
    }

    /// Σ over batch and plane of each channel of an NCHW tensor.
    static func channelSums(_ t: Tensor, channels: Int, plane: Int) -> [Float] {
        var sums = [Float](repeating: 0, count: channels)
        t.storage.withUnsafeBufferPointer { v in
            for index in 0..<(t.count / plane) {
                var s: Float = 0
                for p in 0..<plane { s += v[index * plane + p] }
                sums[index % channels] += s
            }
        }
        return sums
    }
}
