import SlimLog

/// Batch normalization over the channels of an NCHW tensor, as PyTorch's `BatchNorm2d`:
/// training uses the batch statistics (biased variance) and updates the running mean and the
/// running variance (unbiased) with `momentum`; evaluation uses the running statistics.
/// The scaling factors γ (`weight`) are what Network Slimming penalizes and prunes.
public struct BatchNorm2d: NetworkLayer {
    public let name: String
    public let epsilon: Float
    public let momentum: Float
    /// γ, one per channel.
    public var weight: Parameter
    /// β, one per channel.
    public var bias: Parameter
    public var runningMean: Parameter
    public var runningVar: Parameter
    private var saved: Saved?

    private struct Saved: Sendable {
        var input: Tensor
        var mean: [Float]
        var invStd: [Float]
        /// The map y = x·scale + shift applied, per channel (a fused ReLU's backward gates on it).
        var scale: [Float]
        var shift: [Float]
    }

    /// A BatchNorm layer with explicit state.
    public init(name: String, gamma: Tensor, beta: Tensor, runningMean: Tensor, runningVar: Tensor,
                epsilon: Float = 1e-5, momentum: Float = 0.1) {
        self.name = name
        self.epsilon = epsilon
        self.momentum = momentum
        weight = Parameter(name: name + ".weight", value: gamma)
        bias = Parameter(name: name + ".bias", value: beta)
        self.runningMean = Parameter(name: name + ".running_mean", value: runningMean, isTrainable: false)
        self.runningVar = Parameter(name: name + ".running_var", value: runningVar, isTrainable: false)
    }

    /// A fresh layer of `channels` with γ = `gamma`, β = 0, running mean 0 and variance 1.
    public init(name: String, channels: Int, gamma: Float = 1) {
        self.init(name: name, gamma: Tensor(shape: [channels], repeating: gamma), beta: Tensor(shape: [channels]),
                  runningMean: Tensor(shape: [channels]), runningVar: Tensor(shape: [channels], repeating: 1))
    }

    public var channels: Int { weight.value.count }

    public func outputShape(for shape: [Int]) -> [Int]? {
        shape.count == 3 && shape[0] == channels ? shape : nil
    }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .batchnorm2d, inShape: inShape, outShape: inShape, prunable: true)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        forward(input, mode: mode, relu: false, parallelism: parallelism)
    }

    /// The forward pass, optionally followed by max(·, 0) in the same pass (a fused ReLU; the
    /// ReLU layer then adopts the output, see `LayerFusion`).
    mutating func forward(_ input: Tensor, mode: ForwardMode, relu: Bool, parallelism: Parallelism) -> Tensor {
        let n = input.batch, c = channels, plane = input.count / max(1, n * c)
        var output = Tensor(uninitializedShape: input.shape)
        var mean = [Float](repeating: 0, count: c), invStd = [Float](repeating: 0, count: c)
        var batchVar = [Float](repeating: 0, count: c)
        let gamma = weight.value.storage, beta = bias.value.storage, eps = epsilon
        let training = mode == .training
        let runMean = runningMean.value.storage, runVar = runningVar.value.storage
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                mean.withUnsafeMutableBufferPointer { meanBuf in
                    invStd.withUnsafeMutableBufferPointer { invBuf in
                        batchVar.withUnsafeMutableBufferPointer { varBuf in
                            parallelism.forEachRange(c) { range in
                                for ch in range {
                                    let m: Float, v: Float
                                    if training {
                                        var s = 0.0
                                        for b in 0..<n { s += VectorKernels.sum(x, (b * c + ch) * plane, plane) }
                                        m = Float(s / Double(n * plane))
                                        var q = 0.0
                                        for b in 0..<n { q += VectorKernels.squaredDeviations(x, (b * c + ch) * plane, plane, mean: m) }
                                        v = Float(q / Double(n * plane))
                                    } else {
                                        m = runMean[ch]
                                        v = runVar[ch]
                                    }
                                    let inv = 1 / (v + eps).squareRoot()
                                    meanBuf[ch] = m; invBuf[ch] = inv; varBuf[ch] = v
                                    let scale = gamma[ch] * inv, shift = beta[ch] - m * scale
                                    for b in 0..<n {
                                        VectorKernels.affine(x, y, (b * c + ch) * plane, plane, scale: scale, shift: shift, relu: relu)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if training {
            let count = Float(n * plane), keep = 1 - momentum
            let unbias = count > 1 ? count / (count - 1) : 1
            for ch in 0..<c {
                runningMean.value.storage[ch] = keep * runningMean.value.storage[ch] + momentum * mean[ch]
                runningVar.value.storage[ch] = keep * runningVar.value.storage[ch] + momentum * batchVar[ch] * unbias
            }
            // The map as the loop above computed it, from the same Float mean and 1/σ.
            let scales = (0..<c).map { gamma[$0] * invStd[$0] }
            saved = Saved(input: input, mean: mean, invStd: invStd, scale: scales, shift: (0..<c).map { beta[$0] - mean[$0] * scales[$0] })
        } else {
            saved = nil
        }
        return output
    }

    /// Evaluation mode as a per-channel map, to apply to the output of the layer before
    /// (`Conv2d` folds it into its output); `relu` adds a following ReLU. Forgets what the
    /// last training forward kept, as an evaluation forward does.
    mutating func evaluationEpilogue(relu: Bool) -> ChannelEpilogue {
        saved = nil
        var epilogue = ChannelEpilogue(scale: weight.value.storage, shift: bias.value.storage, relu: relu)
        for ch in 0..<channels {
            let inv = 1 / (runningVar.value.storage[ch] + epsilon).squareRoot()
            epilogue.scale[ch] = weight.value.storage[ch] * inv
            epilogue.shift[ch] = bias.value.storage[ch] - runningMean.value.storage[ch] * epilogue.scale[ch]
        }
        return epilogue
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        backward(gradOutput, throughReLU: false, needsInputGradient: needsInputGradient, adding: nil, parallelism: parallelism)
    }

    /// The backward pass; `throughReLU` (a ReLU right after this layer) means `gradOutput` is
    /// the gradient of that ReLU's output and the ReLU's backward is folded in (see
    /// `LayerFusion`): it passes the gradient where this layer's output was positive, which is
    /// recomputed from the saved input rather than read from the ReLU's output. The input
    /// gradient is added into `adding` when given (the gradient other readers of the input
    /// sent back), in the pass that computes it.
    mutating func backward(_ gradOutput: Tensor, throughReLU: Bool, needsInputGradient: Bool,
                           adding: consuming Tensor?, parallelism: Parallelism) -> Tensor? {
        guard let saved else { preconditionFailure("\(name): backward without a training forward") }
        let n = saved.input.batch, c = channels, plane = saved.input.count / max(1, n * c)
        let count = Double(n * plane), accumulate = adding != nil
        precondition(!accumulate || (needsInputGradient && adding!.shape == saved.input.shape),
                     "\(name): adding the input gradient into a tensor of another shape")
        var gradInput = (consume adding) ?? Tensor(uninitializedShape: needsInputGradient ? saved.input.shape : [0])
        var dGamma = [Float](repeating: 0, count: c), dBeta = [Float](repeating: 0, count: c)
        let gamma = weight.value.storage
        saved.input.storage.withUnsafeBufferPointer { x in
            gradOutput.storage.withUnsafeBufferPointer { dy in
                gradInput.storage.withUnsafeMutableBufferPointer { dx in
                    dGamma.withUnsafeMutableBufferPointer { dg in
                        dBeta.withUnsafeMutableBufferPointer { db in
                            parallelism.forEachRange(c) { range in
                                for ch in range {
                                    let gate = throughReLU ? VectorKernels.ReLUGate(scale: saved.scale[ch], shift: saved.shift[ch]) : nil
                                    var sumDy = 0.0, sumDyX = 0.0
                                    for b in 0..<n {
                                        let sums = VectorKernels.sumAndDot(dy, x, gate: gate, (b * c + ch) * plane, plane)
                                        sumDy += sums.sum
                                        sumDyX += sums.dot
                                    }
                                    let mean = Double(saved.mean[ch]), inv = Double(saved.invStd[ch])
                                    // Σ dy·x̂ with x̂ = (x − mean)·invStd.
                                    let sumDyXhat = inv * (sumDyX - mean * sumDy)
                                    db[ch] = Float(sumDy)
                                    dg[ch] = Float(sumDyXhat)
                                    guard needsInputGradient else { continue }
                                    // dx = k·(dy − Σdy/m − x̂·Σdy·x̂/m), k = γ·invStd, expanded in x.
                                    let k = Double(gamma[ch]) * inv
                                    let bx = -k * inv * sumDyXhat / count
                                    let cst = -k * sumDy / count - bx * mean
                                    for b in 0..<n {
                                        VectorKernels.combine(dy, x, gate: gate, dx, (b * c + ch) * plane, plane,
                                                              a: Float(k), b: Float(bx), c: Float(cst), accumulate: accumulate)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for ch in 0..<c {
            weight.grad.storage[ch] += dGamma[ch]
            bias.grad.storage[ch] += dBeta[ch]
        }
        return needsInputGradient ? gradInput : nil
    }

    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        try body(&weight)
        try body(&bias)
        try body(&runningMean)
        try body(&runningVar)
    }
}
