import Foundation
import SlimLog

/// The settings of one training phase.
public struct TrainingSettings: Sendable, Equatable {
    public var epochs: Int
    public var batchSize: Int
    public var schedule: MultiStepSchedule
    public var momentum: Float
    public var weightDecay: Float
    public var seed: UInt64
    /// Also record γ every this many steps (besides every epoch end); nil = epoch ends only.
    public var gammaEvery: Int?
    public var parallelism: Parallelism

    public init(epochs: Int, batchSize: Int = 64, learningRate: Double = 0.1, milestones: [Double] = [0.5, 0.75],
                lrGamma: Double = 0.1, momentum: Float = 0.9, weightDecay: Float = 1e-4, seed: UInt64 = 1,
                gammaEvery: Int? = nil, parallelism: Parallelism) {
        self.epochs = epochs; self.batchSize = batchSize
        self.schedule = MultiStepSchedule(base: learningRate, milestones: milestones, gamma: lrGamma, epochs: epochs)
        self.momentum = momentum; self.weightDecay = weightDecay; self.seed = seed
        self.gammaEvery = gammaEvery; self.parallelism = parallelism
    }
}

/// Where a batch is within training, for progress display.
public struct TrainingProgress: Sendable {
    public var pass: Int
    public var phase: Phase
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// Mean loss and accuracy over the epoch's batches so far.
    public var loss: Double
    public var accuracy: Double
    public var imagesPerSecond: Double
}

/// Loss and accuracy of the network on a split, in evaluation mode.
public struct Evaluation: Sendable, Equatable {
    public var loss: Double
    public var accuracy: Double
    public var correct: Int
    public var count: Int
}

/// Trains a network on a dataset, epoch by epoch, emitting `epoch` and `gamma` events.
/// Slimming plugs in through `afterBackward` (e.g. γ.grad += λ·sign(γ)) and by replacing
/// `network` (and `optimizer`) with a slimmed one between phases.
public struct Trainer {
    public var network: Network
    public let dataset: Dataset
    public var settings: TrainingSettings
    public var optimizer: SGD
    /// Optimizer steps since the start of the run, over all phases.
    public var step: Int = 0
    /// Called after every backward pass, before the optimizer step.
    public var afterBackward: ((inout Network) -> Void)?
    /// Receives `epoch` and `gamma` events as they happen.
    public var record: (Event) throws -> Void
    /// Receives progress after every batch.
    public var progress: (TrainingProgress) -> Void

    public init(network: Network, dataset: Dataset, settings: TrainingSettings,
                record: @escaping (Event) throws -> Void = { _ in },
                progress: @escaping (TrainingProgress) -> Void = { _ in }) {
        self.network = network; self.dataset = dataset; self.settings = settings
        self.optimizer = SGD(momentum: settings.momentum, weightDecay: settings.weightDecay)
        self.record = record; self.progress = progress
    }

    /// Trains all `settings.epochs` epochs of one phase and returns their records.
    @discardableResult
    public mutating func train(pass: Int, phase: Phase) throws -> [EpochRecord] {
        var records: [EpochRecord] = []
        for epoch in 0..<settings.epochs {
            records.append(try trainEpoch(epoch, pass: pass, phase: phase))
        }
        return records
    }

    /// Trains one epoch (0-based `epoch`), evaluates on the test split, and records the
    /// `epoch` event and the epoch-end `gamma` event.
    public mutating func trainEpoch(_ epoch: Int, pass: Int, phase: Phase) throws -> EpochRecord {
        let started = Date()
        let lr = settings.schedule.rate(epoch: epoch)
        let batches = EpochBatches.training(dataset, batchSize: settings.batchSize, seed: settings.seed, epoch: epoch)
        var lossSum = 0.0, correct = 0, seen = 0
        for index in 0..<batches.count {
            let (images, labels) = batches.batch(index)
            network.zeroGradients()
            let logits = network.forward(images, mode: .training, parallelism: settings.parallelism)
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            network.backward(loss.gradient, parallelism: settings.parallelism)
            afterBackward?(&network)
            optimizer.step(&network, learningRate: Float(lr), parallelism: settings.parallelism)
            step += 1
            lossSum += loss.loss * Double(labels.count)
            correct += loss.correct
            seen += labels.count
            progress(TrainingProgress(pass: pass, phase: phase, epoch: epoch + 1, epochs: settings.epochs,
                                      batch: index + 1, batches: batches.count, loss: lossSum / Double(seen),
                                      accuracy: Double(correct) / Double(seen),
                                      imagesPerSecond: Double(seen) / max(1e-9, Date().timeIntervalSince(started))))
            if let every = settings.gammaEvery, every > 0, step % every == 0, index + 1 < batches.count {
                try record(.gamma(GammaSnapshot(pass: pass, phase: phase, epoch: epoch + 1, step: step,
                                                layers: network.gammaVectors)))
            }
        }
        let test = evaluate(dataset.test)
        let result = EpochRecord(pass: pass, phase: phase, epoch: epoch + 1, step: step, lr: lr,
                                 trainLoss: lossSum / Double(max(1, seen)),
                                 trainAccuracy: Double(correct) / Double(max(1, seen)),
                                 testLoss: test.loss, testAccuracy: test.accuracy,
                                 seconds: Date().timeIntervalSince(started))
        try record(.epoch(result))
        try record(.gamma(GammaSnapshot(pass: pass, phase: phase, epoch: epoch + 1, step: step, layers: network.gammaVectors)))
        return result
    }

    /// Loss and accuracy on `split` in evaluation mode (running BN statistics).
    public func evaluate(_ split: LabeledImages) -> Evaluation {
        Self.evaluate(network, on: split, batchSize: settings.batchSize, parallelism: settings.parallelism)
    }

    /// Loss and accuracy of `network` on `split` in evaluation mode.
    public static func evaluate(_ network: Network, on split: LabeledImages, batchSize: Int,
                                parallelism: Parallelism) -> Evaluation {
        var model = network
        let batches = EpochBatches.evaluation(split, batchSize: batchSize)
        var lossSum = 0.0, correct = 0
        for index in 0..<batches.count {
            let (images, labels) = batches.batch(index)
            let logits = model.forward(images, mode: .evaluation, parallelism: parallelism)
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            lossSum += loss.loss * Double(labels.count)
            correct += loss.correct
        }
        let count = max(1, split.count)
        return Evaluation(loss: lossSum / Double(count), accuracy: Double(correct) / Double(count),
                          correct: correct, count: split.count)
    }
}
