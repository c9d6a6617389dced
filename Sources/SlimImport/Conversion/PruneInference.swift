import SlimLog

/// Reconstructs the prune that turned one checkpoint into another: per BN layer the widths
/// and kept channels, and the global threshold those imply.
struct PruneInference {
    let original: ImportedCheckpoint
    let pruned: ImportedCheckpoint

    /// Ratios tried, coarse first, when naming the ratio that gives the threshold index.
    private static let ratioSteps: [Double] = [10, 100, 1000]

    func record(pass: Int) throws -> PruneRecord {
        let before = original.network, after = pruned.network
        guard before.family == after.family, before.gammas.map(\.layer) == after.gammas.map(\.layer) else {
            throw ImportError.pairMismatch(original: original.file, pruned: pruned.file,
                                           detail: "their BN layers differ (\(before.model) with \(before.gammas.count) BN layers, \(after.model) with \(after.gammas.count))")
        }
        var notes: [String] = []
        var kept: [[Int]] = []
        for (old, new) in zip(before.gammas, after.gammas) {
            let (indices, note) = try keptChannels(old, new)
            kept.append(indices)
            if let note { notes.append(note) }
        }
        // Dropped channels are at or under the threshold; the reference takes it from the pooled
        // |γ|, so it is the largest dropped |γ|.
        var threshold: Float = 0
        for (gamma, indices) in zip(before.gammas, kept) {
            let keep = Set(indices)
            for (channel, value) in gamma.values.enumerated() where !keep.contains(channel) {
                threshold = max(threshold, abs(value))
            }
        }
        var layers: [PrunedLayer] = []
        var warnings: [String] = []
        for (gamma, indices) in zip(before.gammas, kept) {
            let guarded = indices.contains { abs(gamma.values[$0]) <= threshold }
            let above = gamma.values.filter { abs($0) > threshold }.count
            if guarded {
                warnings.append("\(gamma.layer): \(above) of \(gamma.values.count) channels were above the threshold; \(indices.count) kept")
            }
            layers.append(PrunedLayer(layer: gamma.layer, before: gamma.values.count, after: indices.count,
                                      kept: indices, guardApplied: guarded ? "min_channels" : nil))
        }
        let pooled = before.gammas.flatMap { $0.values.map { abs($0) } }
        let (ratio, index) = Self.ratio(total: pooled.count, lowest: pooled.filter { $0 < threshold }.count,
                                        highest: pooled.filter { $0 <= threshold }.count - 1)
        return PruneRecord(pass: pass, ratio: ratio, threshold: Double(threshold), thresholdIndex: index,
                           totalChannels: pooled.count, layers: layers,
                           accuracyBefore: original.bestAccuracy, warnings: warnings + notes)
    }

    /// The channels of `old` that survive in `new`: the selection when the layer is followed
    /// by one; else the channels whose running statistics reappear unchanged (exact copies);
    /// else, after fine-tuning changed them, the channels with the largest |γ|.
    private func keptChannels(_ old: GammaVector, _ new: GammaVector) throws -> ([Int], String?) {
        if let selection = pruned.network.selections[new.layer] {
            guard new.values.count == old.values.count, selection.allSatisfy({ $0 < old.values.count }) else {
                throw ImportError.pairMismatch(original: original.file, pruned: pruned.file,
                                               detail: "\(new.layer) has \(new.values.count) channels, expected \(old.values.count)")
            }
            return (selection, nil)
        }
        guard new.values.count <= old.values.count else {
            throw ImportError.pairMismatch(original: original.file, pruned: pruned.file,
                                           detail: "\(new.layer) has \(new.values.count) channels, more than the original \(old.values.count)")
        }
        if let matched = try matchedByStatistics(old.layer, count: new.values.count) { return (matched, nil) }
        let largest = old.values.indices.sorted { abs(old.values[$0]) > abs(old.values[$1]) }
        return (Array(largest.prefix(new.values.count)).sorted(),
                "\(new.layer): kept channels inferred as the \(new.values.count) largest |γ| (the pruned statistics are not copies of the original ones)")
    }

    /// Pruned channel i is original channel j when running mean and variance are bit-equal
    /// and j follows the previous match (the reference copies channels in ascending order).
    private func matchedByStatistics(_ layer: String, count: Int) throws -> [Int]? {
        let mean = try original.stateDict.floats(layer + ".running_mean"), variance = try original.stateDict.floats(layer + ".running_var")
        let newMean = try pruned.stateDict.floats(layer + ".running_mean"), newVariance = try pruned.stateDict.floats(layer + ".running_var")
        guard newMean.count == count, newVariance.count == count else { return nil }
        var matched: [Int] = []
        var next = 0
        for channel in 0..<count {
            guard let found = (next..<mean.count).first(where: {
                mean[$0].bitPattern == newMean[channel].bitPattern && variance[$0].bitPattern == newVariance[channel].bitPattern
            }) else { return nil }
            matched.append(found)
            next = found + 1
        }
        return matched
    }

    /// The roundest ratio p with ⌊N·p⌋ (computed in floating point, as the reference does)
    /// inside the tie range of the threshold; falls back to `lowest / N`.
    static func ratio(total: Int, lowest: Int, highest: Int) -> (Double, Int) {
        guard total > 0 else { return (0, 0) }
        for steps in ratioSteps {
            for step in 0..<Int(steps) {
                let p = Double(step) / steps
                let index = Int(Double(total) * p)
                if index >= lowest, index <= max(lowest, highest) { return (p, index) }
            }
        }
        return (Double(lowest) / Double(total), lowest)
    }
}
