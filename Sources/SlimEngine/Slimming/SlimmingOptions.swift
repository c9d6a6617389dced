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

    /// Refuses settings that cannot work, naming the option.
    public func validate() throws(EngineError) {
        guard lambda >= 0, lambda.isFinite else { throw .invalidOption(name: "--lambda", reason: "λ must be a finite number ≥ 0, got \(lambda)") }
        guard pruneRatio >= 0, pruneRatio < 1 else { throw .invalidOption(name: "--prune-ratio", reason: "the ratio must be in [0, 1), got \(pruneRatio)") }
        guard passes >= 0 else { throw .invalidOption(name: "--passes", reason: "give 0 or more passes, got \(passes)") }
        guard training.epochs >= 1 else { throw .invalidOption(name: "--epochs", reason: "give at least 1 epoch, got \(training.epochs)") }
        guard finetuneEpochs >= 0 else { throw .invalidOption(name: "--finetune-epochs", reason: "give 0 or more, got \(finetuneEpochs)") }
        guard minChannels >= 0 else { throw .invalidOption(name: "--min-channels", reason: "give 0 or more, got \(minChannels)") }
        if let r = maxLayerRatio, !(r > 0 && r <= 1) {
            throw .invalidOption(name: "--max-layer-ratio", reason: "the cap must be in (0, 1], got \(r)")
        }
        guard training.batchSize >= 1 else { throw .invalidOption(name: "--batch-size", reason: "give at least 1, got \(training.batchSize)") }
        if let k = roundingMultiples.first(where: { $0 < 1 }) {
            throw .invalidOption(name: "--measure-rounded", reason: "multiples must be 1 or more, got \(k)")
        }
        guard training.threads >= 1 else { throw .invalidOption(name: "--threads", reason: "give at least 1, got \(training.threads)") }
    }
}
