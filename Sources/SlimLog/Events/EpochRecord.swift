/// The end of one training epoch. Accuracies are fractions in [0, 1]; losses are mean
/// cross-entropy per sample (without the sparsity penalty); NaN/±Infinity are allowed.
public struct EpochRecord: Sendable, Equatable {
    public var pass: Int
    public var phase: Phase
    /// 1-based epoch within the phase.
    public var epoch: Int
    /// Optimizer steps since the start of the run (all phases).
    public var step: Int
    /// Learning rate used during this epoch.
    public var lr: Double
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testLoss: Double?
    public var testAccuracy: Double?
    /// Wall-clock seconds of this epoch (training + evaluation).
    public var seconds: Double

    public init(pass: Int, phase: Phase, epoch: Int, step: Int, lr: Double, trainLoss: Double,
                trainAccuracy: Double, testLoss: Double? = nil, testAccuracy: Double? = nil,
                seconds: Double) {
        self.pass = pass; self.phase = phase; self.epoch = epoch; self.step = step; self.lr = lr
        self.trainLoss = trainLoss; self.trainAccuracy = trainAccuracy; self.testLoss = testLoss
        self.testAccuracy = testAccuracy; self.seconds = seconds
    }
}
