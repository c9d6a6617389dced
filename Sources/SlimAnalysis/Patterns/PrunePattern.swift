import SlimLog

/// What one prune did, layer by layer: the pruning pattern of Network Slimming.
public struct PrunePattern: Sendable, Equatable {
    public var pass: Int
    public var ratio: Double
    public var threshold: Double
    public var layers: [LayerPrune]
    /// Channels per stage, before → after.
    public var stages: [StageLoss]

    public var channelsBefore: Int { layers.reduce(0) { $0 + $1.before } }
    public var channelsAfter: Int { layers.reduce(0) { $0 + $1.after } }
    public var removed: Int { channelsBefore - channelsAfter }

    /// The stage that lost most channels (ties: the larger fraction, then the earlier stage).
    public var stageLostMost: StageLoss? {
        stages.max { a, b in
            a.removed != b.removed ? a.removed < b.removed
                : (a.removedFraction != b.removedFraction ? a.removedFraction < b.removedFraction : a.stage.index > b.stage.index)
        }
    }
    /// Layers by kept ratio, lowest first (ties: more removed first, then architecture order).
    public var hardestHit: [LayerPrune] {
        layers.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            if a.keptRatio != b.keptRatio { return a.keptRatio < b.keptRatio }
            if a.removed != b.removed { return a.removed > b.removed }
            return x.offset < y.offset
        }.map(\.element)
    }
    /// Layers where the collapse guard changed the outcome.
    public var guarded: [LayerPrune] { layers.filter { $0.guardApplied != nil } }
}

/// One prunable BN layer in one prune.
public struct LayerPrune: Sendable, Equatable {
    public var layer: String
    /// The stage's name, e.g. `stage 2 (16×16)`; empty when the layer is not in the architecture.
    public var stage: String
    public var before: Int
    public var after: Int
    /// `after / before` (1 for an empty layer).
    public var keptRatio: Double { before == 0 ? 1 : Double(after) / Double(before) }
    public var removed: Int { before - after }
    /// This layer's share of all channels the prune removed (0 when nothing was removed).
    public var shareOfRemoved: Double
    /// `min_channels` or `max_layer_ratio` when the guard kept more than the threshold would have.
    public var guardApplied: String?
}

/// Channels of one stage before and after a prune.
public struct StageLoss: Sendable, Equatable {
    public var stage: Stage
    public var before: Int
    public var after: Int
    public var removed: Int { before - after }
    public var removedFraction: Double { before == 0 ? 0 : Double(removed) / Double(before) }
}

extension RunAnalysis {
    /// The pattern of every recorded prune, in pass order.
    public var prunePatterns: [PrunePattern] {
        prunes.map { prune in
            // Stages come from the network that was pruned: the architecture of the pass before.
            let pruned = architectures.last { $0.pass < prune.pass } ?? architectures.first
            let stages = pruned?.stages ?? []
            var stageOf: [String: Stage] = [:]
            for s in stages { for l in s.layers { stageOf[l] = s } }
            let removed = prune.layers.reduce(0) { $0 + $1.before - $1.after }
            let layers = prune.layers.map {
                LayerPrune(layer: $0.layer, stage: stageOf[$0.layer]?.name ?? "", before: $0.before,
                           after: $0.after,
                           shareOfRemoved: removed == 0 ? 0 : Double($0.before - $0.after) / Double(removed),
                           guardApplied: $0.guardApplied)
            }
            let losses = stages.map { s in
                let members = prune.layers.filter { s.layers.contains($0.layer) }
                return StageLoss(stage: s, before: members.reduce(0) { $0 + $1.before },
                                 after: members.reduce(0) { $0 + $1.after })
            }.filter { $0.before > 0 }
            return PrunePattern(pass: prune.pass, ratio: prune.ratio, threshold: prune.threshold,
                                layers: layers, stages: losses)
        }
    }
}
