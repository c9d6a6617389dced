/// Full BN scaling-factor vectors of every BN layer at one moment of training.
public struct GammaSnapshot: Sendable, Equatable {
    public var pass: Int
    public var phase: Phase
    /// Epoch within the phase: completed epoch at an epoch end, or the epoch in progress.
    public var epoch: Int
    /// Optimizer steps since the start of the run.
    public var step: Int
    /// γ per BN layer (signed values, not |γ|), in architecture order.
    public var layers: [GammaVector]

    public init(pass: Int, phase: Phase, epoch: Int, step: Int, layers: [GammaVector]) {
        self.pass = pass; self.phase = phase; self.epoch = epoch; self.step = step
        self.layers = layers
    }
}

/// The γ vector of one BN layer.
public struct GammaVector: Sendable, Equatable {
    public var layer: String
    public var values: [Float]
    public init(layer: String, values: [Float]) { self.layer = layer; self.values = values }

    public static func == (lhs: GammaVector, rhs: GammaVector) -> Bool {
        lhs.layer == rhs.layer && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }
}
