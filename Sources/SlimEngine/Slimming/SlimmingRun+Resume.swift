import Foundation
import SlimLog

extension SlimmingRun {
    /// Reads what a killed or stopped run left in its folder — the log's `run` header and the
    /// checkpoints of the phases that ended and the latest epoch checkpoint — and returns the
    /// options to continue with and where to pick up: after the last epoch saved.
    public static func resumePoint(directory: String, events: [Event]) throws(EngineError) -> (SlimmingOptions, ResumePoint) {
        guard case let .run(header)? = events.first else {
            throw .resumeImpossible(directory: directory, reason: "its run.log has no 'run' line")
        }
        if case let .end(end)? = events.last, end.status == .completed {
            throw .resumeImpossible(directory: directory, reason: "the run already completed")
        }
        let options = try Self.options(from: header, directory: directory)
        let trainingPhase: Phase = options.lambda > 0 ? .sparsity : .baseline
        // Phase ends in order: the checkpoint each leaves and the stage that follows.
        var ends: [(stem: String, next: Stage, pass: Int)] = [("pass0-\(trainingPhase)", .prune(1), 0)]
        for k in stride(from: 1, through: options.passes, by: 1) {
            ends.append(("pass\(k)-pruned", .finetune(k), k - 1))
            ends.append(("pass\(k)-finetune", .prune(k + 1), k))
        }
        var point = ResumePoint(network: nil, stage: .train, step: 0, secondsBefore: 0)
        var stepsByPass: [Int: Int] = [:]
        var seconds = 0.0
        for event in events {
            switch event {
            case let .epoch(e): stepsByPass[e.pass] = e.step; seconds += e.seconds
            case let .end(e): seconds = max(seconds, e.seconds)
            default: break
            }
        }
        for end in ends {
            let path = "\(directory)/\(end.stem).safetensors"
            guard FileManager.default.fileExists(atPath: path) else { break }
            point.network = try Checkpoint.load(path: path)
            point.stage = end.next
            point.step = stepsByPass[end.pass] ?? 0
        }
        point.secondsBefore = seconds
        try continueFromEpoch(&point, directory: directory, options: options, trainingPhase: trainingPhase)
        return (options, point)
    }

    /// Moves `point` to the latest epoch checkpoint when it lies inside the stage the phase-end
    /// checkpoints lead to (an older one, from a phase that since ended, is ignored).
    private static func continueFromEpoch(_ point: inout ResumePoint, directory: String, options: SlimmingOptions,
                                          trainingPhase: Phase) throws(EngineError) {
        let path = "\(directory)/\(EpochCheckpoint.fileName)"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let t = options.training
        let saved = try EpochCheckpoint.load(path: path, momentum: Float(t.momentum), weightDecay: Float(t.weightDecay))
        let inStage = switch point.stage {
        case .train: saved.pass == 0 && saved.phase == trainingPhase && saved.epoch <= t.epochs
        case let .finetune(k): saved.pass == k && saved.phase == .finetune && saved.epoch <= options.finetuneEpochs
        case .prune: false
        }
        guard inStage else { return }
        point.network = saved.network
        point.step = saved.step
        point.epochsDone = saved.epoch
        point.optimizer = saved.optimizer
    }

    /// The options a run was started with, from its `run` header.
    static func options(from header: RunHeader, directory: String) throws(EngineError) -> SlimmingOptions {
        let c = header.config
        var t = TrainingRunOptions(model: c.model, dataset: c.dataset)
        // ResNets and DenseNets record an empty cfg: their model name says it all.
        if let cfg = c.cfg, !cfg.isEmpty { t.cfg = try VGGConfig(parsing: cfg.joined(separator: ",")) }
        if case let .string(dir)? = c.extra.first(where: { $0.key == "data_dir" })?.value { t.dataDirectory = dir }
        t.epochs = c.epochs ?? t.epochs
        t.batchSize = c.batchSize ?? t.batchSize
        t.learningRate = c.learningRate ?? t.learningRate
        t.momentum = c.momentum ?? t.momentum
        t.weightDecay = c.weightDecay ?? t.weightDecay
        t.seed = c.seed ?? t.seed
        t.threads = c.threads ?? t.threads
        t.gammaEvery = c.gammaEvery
        t.name = header.name
        let compensation = try c.compensation.map { (raw: String) throws(EngineError) -> PruneCompensation in
            guard let value = PruneCompensation(rawValue: raw) else {
                throw .resumeImpossible(directory: directory, reason: "the log's config has compensation '\(raw)'; this slim-train knows \(PruneCompensation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        return SlimmingOptions(training: t, lambda: c.lambda ?? 0, pruneRatio: c.pruneRatio ?? 0.5,
                               passes: c.passes ?? 0, finetuneEpochs: c.finetuneEpochs ?? 0,
                               finetuneLearningRate: c.learningRate ?? 0.1, minChannels: c.minChannels ?? 1,
                               maxLayerRatio: c.maxLayerRatio, compensation: compensation ?? .none)
    }
}
