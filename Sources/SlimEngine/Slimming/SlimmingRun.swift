import Foundation
import SlimLog
import SlimPruning

/// The paper's loop, recorded in full: sparsity training (`γ.grad += λ·sign(γ)`), then per
/// pass a global-threshold prune, physical slimming and fine-tuning. Every event of
/// `slim-run/1` goes to `record` as it happens; checkpoints go to `checkpoint`.
public struct SlimmingRun {
    public var options: SlimmingOptions

    public init(options: SlimmingOptions) { self.options = options }

    /// Receivers of what the run produces.
    public struct Outputs {
        public var record: (Event) throws -> Void
        /// Called at phase ends with the network and a file stem such as `pass1-finetune`.
        public var checkpoint: (Network, String) throws -> Void
        public var progress: (TrainingProgress) -> Void
        /// Called at phase ends so the log can be forced to disk.
        public var phaseEnded: () throws -> Void
        public var warn: (String) -> Void
        /// Measures a network after a phase; nil measures in this process (`LatencyMeasurement`).
        public var measure: ((Network, Int, Phase) throws -> SlimLog.Measurement)?
        /// Called at every epoch end with the state to save (slim-train keeps the latest), before
        /// a requested stop takes effect.
        public var epochEnded: (EpochCheckpoint) throws -> Void

        public init(record: @escaping (Event) throws -> Void, checkpoint: @escaping (Network, String) throws -> Void = { _, _ in },
                    progress: @escaping (TrainingProgress) -> Void = { _ in }, phaseEnded: @escaping () throws -> Void = {},
                    warn: @escaping (String) -> Void = { _ in }, measure: ((Network, Int, Phase) throws -> SlimLog.Measurement)? = nil,
                    epochEnded: @escaping (EpochCheckpoint) throws -> Void = { _ in }) {
            self.record = record; self.checkpoint = checkpoint; self.progress = progress
            self.phaseEnded = phaseEnded; self.warn = warn; self.measure = measure; self.epochEnded = epochEnded
        }
    }

    /// The `run` event: the plain-training header plus the slimming settings.
    public func header(network: Network, dataset: Dataset, created: Date) -> RunHeader {
        var header = TrainingRun(options: options.training).header(network: network, dataset: dataset, created: created)
        header.config.lambda = options.lambda
        header.config.pruneRatio = options.pruneRatio
        header.config.passes = options.passes
        header.config.finetuneEpochs = options.finetuneEpochs
        header.config.minChannels = options.minChannels
        header.config.maxLayerRatio = options.maxLayerRatio
        header.config.compensation = options.compensation.rawValue
        if let directory = options.training.dataDirectory {
            header.config.extra.append((key: "data_dir", value: .string(directory)))
        }
        if options.training.name == nil {
            header.name = "\(options.training.model) λ=\(options.lambda) p=\(options.pruneRatio)" + (options.passes > 1 ? " ×\(options.passes)" : "")
        }
        return header
    }

    /// Where a resumed run picks up: the network saved at the last phase or epoch end, the
    /// stage it is in, and the step count reached.
    public struct ResumePoint {
        public var network: Network?
        public var stage: Stage
        public var step: Int
        /// Seconds the earlier segments ran (so `end.seconds` covers the whole run).
        public var secondsBefore: Double
        /// Epochs of the stage's training phase already done (from an epoch checkpoint), 0 at a phase start.
        public var epochsDone: Int
        /// The optimizer state saved with those epochs.
        public var optimizer: SGD?
        public init(network: Network?, stage: Stage, step: Int, secondsBefore: Double, epochsDone: Int = 0, optimizer: SGD? = nil) {
            self.network = network; self.stage = stage; self.step = step; self.secondsBefore = secondsBefore
            self.epochsDone = epochsDone; self.optimizer = optimizer
        }
    }

    /// The next thing a run does.
    public enum Stage: Equatable, Sendable {
        /// Sparsity (or baseline) training of the original network.
        case train
        /// The prune of this pass, then its fine-tune.
        case prune(Int)
        /// The fine-tune of this pass (the network is already pruned).
        case finetune(Int)
    }

    /// Runs everything (or, with `resume`, what is left); writes `end` with `completed`,
    /// `stopped` (after `stop` was requested) or `failed` (then rethrows). Returns the final network.
    /// `dataset`, when given, is the one `options` names, loaded by the caller (to check it
    /// before writing anything).
    @discardableResult
    public func execute(_ outputs: Outputs, stop: StopSignal = StopSignal(), resume: ResumePoint? = nil,
                        dataset loaded: Dataset? = nil) throws -> Network {
        try options.validate()
        let started = Date().addingTimeInterval(-(resume?.secondsBefore ?? 0))
        let dataset = try loaded ?? options.training.loadDataset()
        var generator = SeededGenerator(seed: options.training.seed)
        let fresh = try options.training.makeNetwork(input: dataset.input, classes: dataset.classes, generator: &generator)
        BLAS.setThreads(options.training.threads)
        let network = resume?.network ?? fresh
        if resume == nil {
            try outputs.record(.run(header(network: network, dataset: dataset, created: started)))
            try outputs.record(.architecture(network.architecture(pass: 0)))
        }
        var trainer = Trainer(network: network, dataset: dataset, settings: options.training.settings,
                              record: outputs.record, progress: outputs.progress)
        trainer.step = resume?.step ?? 0
        do {
            try run(&trainer, from: resume ?? ResumePoint(network: nil, stage: .train, step: 0, secondsBefore: 0),
                    dataset: dataset, outputs: outputs, stop: stop)
            try outputs.record(.end(RunEnd(status: .completed, seconds: Date().timeIntervalSince(started))))
        } catch is StopRequested {
            try outputs.record(.end(RunEnd(status: .stopped, seconds: Date().timeIntervalSince(started))))
        } catch {
            try? outputs.record(.end(RunEnd(status: .failed, seconds: Date().timeIntervalSince(started), error: "\(error)")))
            throw error
        }
        try outputs.phaseEnded()
        return trainer.network
    }

    private func run(_ trainer: inout Trainer, from point: ResumePoint, dataset: Dataset, outputs: Outputs, stop: StopSignal) throws {
        let inProcess = LatencyMeasurement(parallelism: trainer.settings.parallelism)
        let measure = outputs.measure ?? { inProcess.measure($0, pass: $1, phase: $2) }
        let trainingPhase: Phase = options.lambda > 0 ? .sparsity : .baseline
        let stage = point.stage
        let epoch = EpochLoop(outputs: outputs, stop: stop)
        if stage == .train {
            if point.epochsDone == 0 {
                try outputs.record(.measure(measure(trainer.network, 0, trainingPhase)))
            } else if let optimizer = point.optimizer {
                trainer.optimizer = optimizer
            }
            try trainWithPenalty(&trainer, lambda: options.lambda, pass: 0, phase: trainingPhase, from: point.epochsDone, loop: epoch)
            try outputs.checkpoint(trainer.network, "pass0-\(trainingPhase)")
            try outputs.phaseEnded()
        }
        let collapseGuard = try CollapseGuard(minChannels: options.minChannels, maxLayerRatio: options.maxLayerRatio)
        let first: Int
        switch stage {
        case .train: first = 1
        case let .prune(k), let .finetune(k): first = k
        }
        for pass in stride(from: first, through: options.passes, by: 1) {
            if stage != .finetune(pass) {
                try prune(&trainer, pass: pass, guard: collapseGuard, dataset: dataset, outputs: outputs, measure: measure)
            }
            // A fresh optimizer: the momentum buffers belong to the old shapes.
            trainer.settings = finetuneSettings(base: options.training.settings)
            trainer.optimizer = SGD(momentum: trainer.settings.momentum, weightDecay: trainer.settings.weightDecay)
            var done = 0
            if stage == .finetune(pass), point.epochsDone > 0, let optimizer = point.optimizer {
                trainer.optimizer = optimizer
                done = point.epochsDone
            }
            // Between passes the penalty keeps pushing γ apart for the next prune; the last
            // fine-tune recovers accuracy without it.
            let lambda = pass < options.passes ? options.lambda : 0
            try trainWithPenalty(&trainer, lambda: lambda, pass: pass, phase: .finetune, from: done, loop: epoch)
            try outputs.record(.measure(measure(trainer.network, pass, .finetune)))
            try outputs.checkpoint(trainer.network, "pass\(pass)-finetune")
            try outputs.phaseEnded()
        }
    }

    private func prune(_ trainer: inout Trainer, pass: Int, guard collapseGuard: CollapseGuard, dataset: Dataset,
                       outputs: Outputs, measure: (Network, Int, Phase) throws -> SlimLog.Measurement) throws {
        let before = trainer.evaluate(dataset.test)
        let layers = trainer.network.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) }
        let plan = try PrunePlan(layers: layers, ratio: options.pruneRatio, guard: collapseGuard)
        let compensation = options.compensation
        let slim = try trainer.network.slimmed(by: plan, compensation: compensation)
        let settings = trainer.settings
        let evaluate = { (network: Network) in
            Trainer.evaluate(network, on: dataset.test, batchSize: settings.batchSize, parallelism: settings.parallelism)
        }
        let after = evaluate(slim)
        // What the reference rule alone would have given, so the log shows the compensation's effect.
        let uncompensated = compensation == .none ? nil : evaluate(try trainer.network.slimmed(by: plan))
        var warnings = plan.layers.compactMap { guardWarning($0, plan: plan) }
        if compensation == .beta, case let gaps = try trainer.network.betaCompensationGaps(for: plan), !gaps.isEmpty {
            let named = gaps.count <= 4 ? gaps.joined(separator: ", ") : gaps.prefix(3).joined(separator: ", ") + " and \(gaps.count - 3) more"
            warnings.append("--compensation beta: the removed channels of \(named) feed a residual sum or a concatenation and were dropped without compensation")
        }
        warnings.forEach(outputs.warn)
        try outputs.record(.prune(PruneRecord(
            pass: pass, ratio: options.pruneRatio, threshold: Double(plan.threshold.value),
            thresholdIndex: plan.threshold.index, totalChannels: plan.threshold.totalChannels,
            layers: plan.layers.map { PrunedLayer(layer: $0.name, before: $0.before, after: $0.after, kept: $0.kept,
                                                  guardApplied: $0.guardApplied?.rawValue) },
            accuracyBefore: before.accuracy, accuracyAfter: after.accuracy, lossBefore: before.loss,
            lossAfter: after.loss, compensation: compensation.rawValue,
            accuracyAfterUncompensated: uncompensated?.accuracy, lossAfterUncompensated: uncompensated?.loss,
            warnings: warnings)))
        try outputs.record(.architecture(slim.architecture(pass: pass)))
        try outputs.record(.gamma(GammaSnapshot(pass: pass, phase: .pruned, epoch: 0, step: trainer.step, layers: slim.gammaVectors)))
        var measured = try measure(slim, pass, .pruned)
        measured.rounded = try roundedMeasurements(of: trainer.network, plan: plan, gammas: layers, pruned: measured,
                                                   pass: pass, measure: measure)
        try outputs.record(.measure(measured))
        try outputs.checkpoint(slim, "pass\(pass)-pruned")
        try outputs.phaseEnded()
        trainer.network = slim
    }

    /// What happens at every epoch end: the state goes to `epochEnded`, then a requested stop
    /// takes effect (so the stopped epoch is saved and `--resume` continues after it).
    private struct EpochLoop {
        var outputs: Outputs
        var stop: StopSignal
    }

    /// Trains the phase's epochs from 0-based epoch `first` on.
    private func trainWithPenalty(_ trainer: inout Trainer, lambda: Double, pass: Int, phase: Phase, from first: Int,
                                  loop: EpochLoop) throws {
        let penalty = try SparsityPenalty(lambda: Float(lambda))
        trainer.afterBackward = lambda > 0 ? { penalty.apply(to: &$0) } : nil
        for epoch in first..<max(first, trainer.settings.epochs) {
            _ = try trainer.trainEpoch(epoch, pass: pass, phase: phase)
            try loop.outputs.epochEnded(EpochCheckpoint(network: trainer.network, optimizer: trainer.optimizer, pass: pass,
                                                        phase: phase, epoch: epoch + 1, step: trainer.step))
            if loop.stop.isRequested { throw StopRequested() }
        }
    }

    private func finetuneSettings(base: TrainingSettings) -> TrainingSettings {
        TrainingSettings(epochs: options.finetuneEpochs, batchSize: base.batchSize,
                         learningRate: options.finetuneLearningRate, momentum: base.momentum,
                         weightDecay: base.weightDecay, seed: base.seed &+ 1, gammaEvery: base.gammaEvery,
                         parallelism: base.parallelism)
    }

    private func guardWarning(_ layer: LayerDecision, plan: PrunePlan) -> String? {
        guard let rule = layer.guardApplied else { return nil }
        switch rule {
        case .minChannels:
            return "\(layer.name): the threshold left fewer than \(layer.after) of its \(layer.before) channels; kept the \(layer.after) with the largest |γ| (--min-channels \(options.minChannels))"
        case .maxLayerRatio:
            return "\(layer.name): the threshold would remove more than \(Int((options.maxLayerRatio ?? 1) * 100)) % of its \(layer.before) channels; kept \(layer.after) (--max-layer-ratio \(options.maxLayerRatio ?? 1))"
        }
    }
}
