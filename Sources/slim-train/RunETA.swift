import Foundation
import SlimEngine

/// The time left in the whole run — every phase and pass — from the batches done since this
/// process started. Fine-tuning a pruned network is faster than sparsity training, so the
/// estimate errs long in pass 0 and tightens as the run goes on.
struct RunETA {
    private let trainingEpochs: Int
    private let finetuneEpochs: Int
    private let passes: Int
    private let started = Date()
    /// Batches already done when this process saw its first one (a resumed run).
    private var doneBefore: Int?

    init(options: SlimmingOptions) {
        trainingEpochs = options.training.epochs
        finetuneEpochs = options.finetuneEpochs
        passes = options.passes
    }

    /// Seconds left after the batch `p` reports, or nil while there is too little to go on.
    mutating func remaining(at p: TrainingProgress) -> Double? {
        let epochsBefore = p.pass == 0 ? p.epoch - 1 : trainingEpochs + (p.pass - 1) * finetuneEpochs + p.epoch - 1
        let done = epochsBefore * p.batches + p.batch
        let total = (trainingEpochs + passes * finetuneEpochs) * p.batches
        if doneBefore == nil { doneBefore = done - 1 }
        let elapsed = Date().timeIntervalSince(started)
        let doneHere = done - (doneBefore ?? 0)
        guard elapsed >= 1, doneHere > 0 else { return nil }
        return elapsed * Double(max(0, total - done)) / Double(doneHere)
    }
}
