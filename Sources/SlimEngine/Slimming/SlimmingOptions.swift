/// Everything a Network Slimming run needs beyond plain training, as a value.
public struct SlimmingOptions: Sendable, Equatable {
    /// Model, data, optimizer and sparsity-training epochs.
    public var training: TrainingRunOptions
    /// λ of the L1 penalty on BN γ during sparsity training (0 = a plain baseline).
    public var lambda: Double
    /// p: the fraction of the remaining prunable channels each pass removes, in [0, 1).
    public var pruneRatio: Double
    /// Prune → fine-tune repetitions (0 = train only).
    public var passes: Int
    public var finetuneEpochs: Int
    /// Fine-tuning learning rate (the reference code fine-tunes from 0.1 like training).
    public var finetuneLearningRate: Double
    public var minChannels: Int
    public var maxLayerRatio: Double?
    /// What each prune does with the removed channels' constant outputs (networks that do not
    /// support `.beta` are pruned with `.none`, and the prune event says so).
    public var compensation: PruneCompensation
    /// At every prune, the kept widths are also rounded up to each of these multiples and the
    /// rounded network is timed (the `pruned` measure's `rounded`); empty = none.
    public var roundingMultiples: [Int] = [4, 8, 16]

    public init(training: TrainingRunOptions, lambda: Double = 1e-4, pruneRatio: Double = 0.5, passes: Int = 1,
                finetuneEpochs: Int = 5, finetuneLearningRate: Double = 0.1, minChannels: Int = 1,
                maxLayerRatio: Double? = nil, compensation: PruneCompensation = .beta) {
        self.training = training; self.lambda = lambda; self.pruneRatio = pruneRatio; self.passes = passes
        self.finetuneEpochs = finetuneEpochs; self.finetuneLearningRate = finetuneLearningRate
        self.minChannels = minChannels; self.maxLayerRatio = maxLayerRatio; self.compensation = compensation
    }

    /// The largest λ accepted: far above any useful penalty (the paper uses 1e-5…1e-4), low
    /// enough that λ·sign(γ) stays a finite Float step.
    public static let maxLambda = 1.0
    /// The largest learning rate accepted.
    public static let maxLearningRate = 10.0
    /// Thread and batch-size ceilings: beyond them a value is a typo, not a setting.
    public static let maxThreads = 1024
    public static let maxBatchSize = 65536

    /// Refuses settings that cannot work, naming the option and the allowed range.
    public func validate() throws(EngineError) {
        guard lambda >= 0, lambda.isFinite else { throw .invalidOption(name: "--lambda", reason: "λ must be a finite number ≥ 0, got \(lambda)") }
        guard lambda <= Self.maxLambda else {
            throw .invalidOption(name: "--lambda", reason: "λ must be in [0, \(Self.maxLambda)] (the paper uses 1e-5 to 1e-4), got \(lambda)")
        }
        let t = training
        guard t.learningRate > 0, t.learningRate <= Self.maxLearningRate else {
            throw .invalidOption(name: "--lr", reason: "the learning rate must be in (0, \(Self.maxLearningRate)], got \(t.learningRate)")
        }
        guard t.weightDecay >= 0, t.weightDecay < 1 else {
            throw .invalidOption(name: "--weight-decay", reason: "the weight decay must be in [0, 1), got \(t.weightDecay)")
        }
        if let every = t.gammaEvery, every < 1 {
            throw .invalidOption(name: "--gamma-every", reason: "give a step count ≥ 1, got \(every)")
        }
        guard pruneRatio >= 0, pruneRatio < 1 else { throw .invalidOption(name: "--prune-ratio", reason: "the ratio must be in [0, 1), got \(pruneRatio)") }
        guard passes >= 0 else { throw .invalidOption(name: "--passes", reason: "give 0 or more passes, got \(passes)") }
        guard training.epochs >= 1 else { throw .invalidOption(name: "--epochs", reason: "give at least 1 epoch, got \(training.epochs)") }
        guard finetuneEpochs >= 0 else { throw .invalidOption(name: "--finetune-epochs", reason: "give 0 or more, got \(finetuneEpochs)") }
        guard minChannels >= 0 else { throw .invalidOption(name: "--min-channels", reason: "give 0 or more, got \(minChannels)") }
        if let r = maxLayerRatio, !(r > 0 && r <= 1) {
            throw .invalidOption(name: "--max-layer-ratio", reason: "the cap must be in (0, 1], got \(r)")
        }
        guard (1...Self.maxBatchSize).contains(t.batchSize) else {
            throw .invalidOption(name: "--batch-size", reason: "give 1 to \(Self.maxBatchSize), got \(t.batchSize)")
        }
        guard (1...Self.maxThreads).contains(t.threads) else {
            throw .invalidOption(name: "--threads", reason: "give 1 to \(Self.maxThreads), got \(t.threads)")
        }
        if let k = roundingMultiples.first(where: { $0 < 1 }) {
            throw .invalidOption(name: "--measure-rounded", reason: "multiples must be 1 or more, got \(k)")
        }
    }
}
