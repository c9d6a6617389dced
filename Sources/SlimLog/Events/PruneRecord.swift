/// One application of the global threshold, and what it did to every prunable BN layer.
public struct PruneRecord: Sendable, Equatable {
    /// 1 for the first prune, k for the k-th.
    public var pass: Int
    /// The ratio p applied to the channels remaining before this prune.
    public var ratio: Double
    /// The global |γ| threshold; channels with |γ| strictly above it are kept.
    public var threshold: Double
    /// Index ⌊N·p⌋ into the ascending sorted pooled |γ| that gave the threshold.
    public var thresholdIndex: Int?
    /// N: prunable channels pooled before this prune.
    public var totalChannels: Int?
    public var layers: [PrunedLayer]
    /// Test accuracy right before / right after the prune (fractions in [0, 1]).
    public var accuracyBefore: Double?
    public var accuracyAfter: Double?
    public var lossBefore: Double?
    public var lossAfter: Double?
    /// How the removed channels' constant outputs were folded into the next layer
    /// (`beta`), or `none` (the reference code: the channels are simply dropped).
    public var compensation: String?
    /// Test accuracy and loss right after the prune without that compensation, so the log
    /// shows what it changed (present when `compensation` is not `none`).
    public var accuracyAfterUncompensated: Double?
    public var lossAfterUncompensated: Double?
    /// Human-readable warnings (e.g. the collapse guard changed the outcome).
    public var warnings: [String]

    public init(pass: Int, ratio: Double, threshold: Double, thresholdIndex: Int? = nil,
                totalChannels: Int? = nil, layers: [PrunedLayer], accuracyBefore: Double? = nil,
                accuracyAfter: Double? = nil, lossBefore: Double? = nil, lossAfter: Double? = nil,
                compensation: String? = nil, accuracyAfterUncompensated: Double? = nil,
                lossAfterUncompensated: Double? = nil, warnings: [String] = []) {
        self.pass = pass; self.ratio = ratio; self.threshold = threshold
        self.thresholdIndex = thresholdIndex; self.totalChannels = totalChannels
        self.layers = layers; self.accuracyBefore = accuracyBefore
        self.accuracyAfter = accuracyAfter; self.lossBefore = lossBefore
        self.lossAfter = lossAfter; self.compensation = compensation
        self.accuracyAfterUncompensated = accuracyAfterUncompensated
        self.lossAfterUncompensated = lossAfterUncompensated; self.warnings = warnings
    }
}

/// The effect of one prune on one BN layer.
public struct PrunedLayer: Sendable, Equatable {
    /// The BN layer's name.
    public var layer: String
    public var before: Int
    public var after: Int
    /// Indices (into the layer's channels before this prune) that were kept, ascending.
    public var kept: [Int]
    /// Set when the collapse guard changed this layer's outcome: `min_channels` or
    /// `max_layer_ratio`.
    public var guardApplied: String?

    public init(layer: String, before: Int, after: Int, kept: [Int], guardApplied: String? = nil) {
        self.layer = layer; self.before = before; self.after = after; self.kept = kept
        self.guardApplied = guardApplied
    }
}
