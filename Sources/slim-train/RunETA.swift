import Foundation
import SlimEngine

/// The time left in the whole run — every phase and pass — from the batches done since this
/// process started. Fine-tuning a pruned network is faster than sparsity training, so the
/// estimate errs long in pass 0 and tightens as the run goes on.
struct RunETA {
    private let trainingEpochs: Int
    private let finetuneEpochs: Int
    private let passes: Int
    /// When this process finished its first batch, and the batches done by then (more than
    /// one in a resumed run); set-up and the first measurement do not count.
    private var first: (time: Date, done: Int)?

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
        guard let first else {
            self.first = (Date(), done)
            return nil
        }
        let elapsed = Date().timeIntervalSince(first.time)
        let doneHere = done - first.done
        guard elapsed >= 1, doneHere > 0 else { return nil }
        return elapsed * Double(max(0, total - done)) / Double(doneHere)
    }
}
