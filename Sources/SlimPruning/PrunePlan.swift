/// Which channels of every prunable BN layer survive one prune.
public struct PrunePlan: Sendable, Equatable {
    public var threshold: GlobalThreshold
    public var layers: [LayerDecision]

    /// Applies `threshold` to every layer, then the guard.
    public init(layers: [BNChannels], ratio: Double, guard collapseGuard: CollapseGuard) throws(PruningError) {
        let threshold = try GlobalThreshold(layers: layers, ratio: ratio)
        self.threshold = threshold
        self.layers = layers.map { LayerDecision(layer: $0, threshold: threshold.value, guard: collapseGuard) }
    }

    /// Channels kept in all layers.
    public var keptChannels: Int { layers.reduce(0) { $0 + $1.kept.count } }
    /// Channels removed from all layers.
    public var removedChannels: Int { layers.reduce(0) { $0 + $1.before - $1.kept.count } }
}

/// The outcome for one BN layer.
public struct LayerDecision: Sendable, Equatable {
    public var name: String
    public var before: Int
    /// Indices of the surviving channels, ascending.
    public var kept: [Int]
    /// Set when the guard kept more channels than the threshold alone would have.
    public var guardApplied: CollapseGuard.Rule?

    public var after: Int { kept.count }

    init(layer: BNChannels, threshold: Float, guard collapseGuard: CollapseGuard) {
        name = layer.name
        before = layer.gammas.count
        let byThreshold = layer.gammas.indices.filter { abs(layer.gammas[$0]) > threshold }
        let (floor, rule) = collapseGuard.floor(width: before)
        if byThreshold.count >= floor {
            kept = byThreshold
            guardApplied = nil
        } else {
            // Largest |γ| first; among equal |γ| the lower index wins, so the choice is deterministic.
            let ranked = layer.gammas.indices.sorted {
                let a = abs(layer.gammas[$0]), b = abs(layer.gammas[$1])
                return a != b ? a > b : $0 < $1
            }
            kept = ranked.prefix(floor).sorted()
            guardApplied = rule
        }
    }
}
