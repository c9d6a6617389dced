import SlimLog

extension RunAnalysis {
    /// Per-layer time profiles of every pass (its last measurement, fine-tuned preferred, as in
    /// `passSummaries`), every batch size that has per-layer times; pass order, then batch.
    public var layerTimeProfiles: [LayerTimeProfile] {
        zip(architectures, costs).flatMap { architecture, cost -> [LayerTimeProfile] in
            guard let m = lastMeasure(pass: architecture.pass) else { return [] }
            return m.latency.compactMap { LayerTimeProfile(latency: $0, of: m, architecture: architecture, cost: cost) }
        }
    }

    /// The original network's profile against each later pass's, per batch size both have.
    public var latencyShifts: [LatencyShift] {
        let profiles = layerTimeProfiles
        guard let first = profiles.first?.pass else { return [] }
        return profiles.filter { $0.pass != first }.compactMap { after in
            profiles.first { $0.pass == first && $0.batch == after.batch }.map { LatencyShift(before: $0, after: after) }
        }
    }

    /// Each prune's kept widths rounded to the multiples its `pruned` measurement timed, with
    /// the unrounded prune as multiple 1: parameters and FLOPs recomputed from the widths,
    /// latency as measured.
    public func roundedWidths() throws(AnalysisError) -> [RoundedWidthsRow] {
        var rows: [RoundedWidthsRow] = []
        for (index, architecture) in architectures.enumerated() where index > 0 {
            guard let m = measures.last(where: { $0.pass == architecture.pass && $0.phase == .pruned }), !m.rounded.isEmpty else { continue }
            let previous = architectures[index - 1]
            let cost = costs[index]
            rows.append(RoundedWidthsRow(pass: architecture.pass, multiple: 1,
                                         widths: architecture.effectiveWidths.map { LayerWidth(layer: $0.layer, width: $0.width) },
                                         params: cost.params, flops: cost.flops, latency: m.latency))
            for r in m.rounded {
                let widened = try previous.withWidths(r.widths, pass: architecture.pass)
                let c = try NetworkCost(architecture: widened)
                rows.append(RoundedWidthsRow(pass: architecture.pass, multiple: r.multiple, widths: r.widths,
                                             params: c.params, flops: c.flops, latency: r.latency))
            }
        }
        return rows
    }
}

/// One prune at one width multiple.
public struct RoundedWidthsRow: Sendable, Equatable {
    public var pass: Int
    /// 1 = the prune as made.
    public var multiple: Int
    public var widths: [LayerWidth]
    public var params: Int
    public var flops: Int
    public var latency: [Latency]
}

extension Architecture {
    /// This architecture with every named prunable BN passing on `widths` channels: a BN a
    /// selection picks from keeps the first of the channels already selected, any other
    /// narrows with its conv. Only counts matter for costs.
    func withWidths(_ widths: [LayerWidth], pass newPass: Int) throws(AnalysisError) -> Architecture {
        let selected = selectingLayers().compactMapValues(\.selected)
        let channels = Dictionary(layers.map { ($0.name, $0.outShape.first ?? 0) }, uniquingKeysWith: { a, _ in a })
        var kept: [String: [Int]] = [:]
        for w in widths {
            kept[w.layer] = selected[w.layer].map { Array($0.prefix(w.width)) } ?? Array(0..<min(w.width, channels[w.layer] ?? w.width))
        }
        return try narrowed(keeping: kept, pass: newPass)
    }
}
