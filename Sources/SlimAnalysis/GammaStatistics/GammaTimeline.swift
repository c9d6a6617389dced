import SlimLog
import SlimPruning

/// γ statistics of one snapshot: every BN layer, and the prunable layers pooled.
public struct SnapshotStatistics: Sendable, Equatable {
    public var pass: Int
    public var phase: Phase
    public var epoch: Int
    public var step: Int
    /// The prunable layers' |γ| pooled, as the global threshold sees them.
    public var pooled: GammaStatistics
    public var layers: [LayerGammaStatistics]
}

/// γ statistics of one layer in one snapshot.
public struct LayerGammaStatistics: Sendable, Equatable {
    public var layer: String
    public var statistics: GammaStatistics
}

extension RunAnalysis {
    /// The threshold the margins of pass `pass` refer to: the recorded threshold of the prune
    /// that ended the pass, else the configured ratio applied to the pass's last snapshot.
    public func referenceThreshold(pass: Int) -> Double? {
        if let prune = prunes.first(where: { $0.pass == pass + 1 }) { return prune.threshold }
        guard let ratio = header?.config.pruneRatio,
              let snapshot = gammas.last(where: { $0.pass == pass }) else { return nil }
        return (try? GlobalThreshold(layers: prunableChannels(of: snapshot), ratio: ratio)).map { Double($0.value) }
    }

    /// Statistics of every γ snapshot, in log order.
    public var gammaTimeline: [SnapshotStatistics] {
        var thresholds: [Int: Double?] = [:]
        return gammas.map { snapshot in
            if thresholds[snapshot.pass] == nil { thresholds[snapshot.pass] = referenceThreshold(pass: snapshot.pass) }
            return statistics(of: snapshot, threshold: thresholds[snapshot.pass] ?? nil)
        }
    }

    /// Statistics of one snapshot against `threshold`.
    public func statistics(of snapshot: GammaSnapshot, threshold: Double?) -> SnapshotStatistics {
        let prunable = prunableNames(pass: snapshot.pass)
        var pooledParts: [[Float]] = []
        var pooledBad = 0
        var layers: [LayerGammaStatistics] = []
        layers.reserveCapacity(snapshot.layers.count)
        for vector in snapshot.layers {
            var magnitudes: [Float] = []
            magnitudes.reserveCapacity(vector.values.count)
            var bad = 0
            for g in vector.values { if g.isFinite { magnitudes.append(abs(g)) } else { bad += 1 } }
            let sorted = MagnitudeSort.sorted(magnitudes)
            if prunable?.contains(vector.layer) ?? true {
                pooledParts.append(sorted)
                pooledBad += bad
            }
            layers.append(LayerGammaStatistics(layer: vector.layer, statistics: GammaStatistics(
                sortedMagnitudes: sorted, nonFinite: bad, threshold: threshold)))
        }
        let pooled = Self.merged(pooledParts)
        return SnapshotStatistics(pass: snapshot.pass, phase: snapshot.phase, epoch: snapshot.epoch,
                                  step: snapshot.step,
                                  pooled: GammaStatistics(sortedMagnitudes: pooled, nonFinite: pooledBad,
                                                          threshold: threshold),
                                  layers: layers)
    }

    /// Ascending arrays merged into one, pairwise: O(N log k) rather than sorting again.
    static func merged(_ parts: [[Float]]) -> [Float] {
        var parts = parts
        while parts.count > 1 {
            var next: [[Float]] = []
            next.reserveCapacity((parts.count + 1) / 2)
            var i = 0
            while i + 1 < parts.count {
                next.append(merge(parts[i], parts[i + 1]))
                i += 2
            }
            if i < parts.count { next.append(parts[i]) }
            parts = next
        }
        return parts.first ?? []
    }

    private static func merge(_ a: [Float], _ b: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: a.count + b.count)
        var i = 0, j = 0, k = 0
        while i < a.count, j < b.count {
            let x = a[i], y = b[j]
            if y < x { out[k] = y; j += 1 } else { out[k] = x; i += 1 }
            k += 1
        }
        while i < a.count { out[k] = a[i]; i += 1; k += 1 }
        while j < b.count { out[k] = b[j]; j += 1; k += 1 }
        return out
    }

    /// The γ vectors of `snapshot` that the global threshold pools.
    public func prunableChannels(of snapshot: GammaSnapshot) -> [BNChannels] {
        let prunable = prunableNames(pass: snapshot.pass)
        return snapshot.layers.filter { vector in prunable?.contains(vector.layer) ?? true }
            .map { BNChannels(name: $0.layer, gammas: $0.values) }
    }

    /// Names of the prunable BN layers in the architecture of `pass` (nil when unknown: pool all).
    private func prunableNames(pass: Int) -> Set<String>? {
        guard let a = architectures.last(where: { $0.pass <= pass }) else { return nil }
        return Set(a.prunableBatchNorms.map(\.name))
    }
}
