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
    /// that ended the pass, else the planned one (`plannedPrune(after:)`); nil for a last pass
    /// that no prune follows.
    public func referenceThreshold(pass: Int) -> Double? {
        if let prune = prunes.first(where: { $0.pass == pass + 1 }) { return prune.threshold }
        return plannedPrune(after: pass).map { Double($0.threshold.value) }
    }

    /// The prune still to follow `pass` — none recorded after it and the configured passes not
    /// all done — as the configured ratio applied to the pass's last snapshot.
    func plannedPrune(after pass: Int) -> (snapshot: GammaSnapshot, threshold: GlobalThreshold)? {
        guard let ratio = header?.config.pruneRatio, !prunes.contains(where: { $0.pass == pass + 1 }),
              header?.config.passes.map({ pass < $0 }) ?? true,
              let snapshot = gammas.last(where: { $0.pass == pass }),
              let threshold = try? GlobalThreshold(layers: prunableChannels(of: snapshot), ratio: ratio) else { return nil }
        return (snapshot, threshold)
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
        let count = snapshot.layers.reduce(0) { $0 + $1.values.count }
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        var bad = Array(repeating: 0, count: snapshot.layers.count)
        for (index, vector) in snapshot.layers.enumerated() {
            for g in vector.values {
                if g.isFinite { keys.append(MagnitudeSort.key(abs(g), layer: index)) } else { bad[index] += 1 }
            }
        }
        let isPooled = snapshot.layers.map { prunable?.contains($0.layer) ?? true }
        var sorted = snapshot.layers.map { vector -> [Float] in
            var values: [Float] = []
            values.reserveCapacity(vector.values.count)
            return values
        }
        var pooled: [Float] = []
        pooled.reserveCapacity(count)
        for key in MagnitudeSort.sorted(keys) {
            let index = MagnitudeSort.layer(key), magnitude = MagnitudeSort.magnitude(key)
            sorted[index].append(magnitude)
            if isPooled[index] { pooled.append(magnitude) }
        }
        let layers = snapshot.layers.indices.map { i in
            LayerGammaStatistics(layer: snapshot.layers[i].layer, statistics: GammaStatistics(
                sortedMagnitudes: sorted[i], nonFinite: bad[i], threshold: threshold))
        }
        let pooledBad = bad.indices.reduce(0) { $0 + (isPooled[$1] ? bad[$1] : 0) }
        return SnapshotStatistics(pass: snapshot.pass, phase: snapshot.phase, epoch: snapshot.epoch,
                                  step: snapshot.step,
                                  pooled: GammaStatistics(sortedMagnitudes: pooled, nonFinite: pooledBad,
                                                          threshold: threshold),
                                  layers: layers)
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
