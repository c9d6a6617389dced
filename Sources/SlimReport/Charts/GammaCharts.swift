import Foundation
import SlimAnalysis
import SlimCharts
import SlimLog

/// Charts of the BatchNorm scaling factors γ: the pooled histogram, per-layer small multiples,
/// quantile bands over training and a channels × epochs heat map (`GammaCharts+Heatmap.swift`).
enum GammaCharts {
    static func histogram(_ data: RunData, log: Bool) -> Chart? {
        guard let snapshot = data.thresholdSnapshot else { return nil }
        let values = data.run.prunableChannels(of: snapshot).flatMap { $0.gammas.map { Double(abs($0)) } }
        // Log axes need a positive |γ|; all zero (a collapsed network) would leave them empty.
        guard values.contains(where: { $0.isFinite && (!log || $0 > 0) }) else { return nil }
        let threshold = data.threshold
        let zeros = log ? values.count(where: { $0 == 0 }) : 0
        var marks: [any Mark] = [HistogramMark(values: values, bins: log ? .log(count: 40) : .linear(count: 50),
                                               label: "all prunable layers")]
        if let t = threshold, !log || t > 0 {
            marks.append(RuleMark.vertical(at: t, label: "threshold \(Format.number(t, digits: 3))"))
        }
        return Chart(title: log ? "|γ| of all channels (log axes)" : "|γ| of all channels",
                     subtitle: where_(snapshot),
                     x: Axis("|γ|", scale: log ? .log(zeroBucket: zeros > 0) : nil), y: Axis("channels", scale: log ? .log() : nil, wholeNumbers: true),
                     marks: marks, legend: .hidden,
                     caption: [margins(data, snapshot: snapshot, threshold: threshold), zeros > 0 ? zeroCaption(zeros) : nil]
                        .compactMap { $0 }.joined(separator: " "))
    }

    /// "pass 0, sparsity epoch 6" — where a snapshot was taken.
    static func where_(_ s: GammaSnapshot) -> String { "pass \(s.pass), \(s.phase.rawValue) epoch \(s.epoch), step \(s.step)" }

    static func margins(_ data: RunData, snapshot: GammaSnapshot, threshold: Double?) -> String? {
        guard let t = threshold else { return nil }
        let s = data.run.statistics(of: snapshot, threshold: t).pooled
        // A count: the fraction is of `count` finite channels, so the product is at most `count`.
        let below = Int(min(Double(s.count), max(0, ((s.fractionAtOrBelowThreshold ?? 0) * Double(s.count)).rounded())))
        return "\(below) of \(s.count) channels at or below the threshold; \(s.within10Percent ?? 0) within ±10 % of it, \(s.within5Percent ?? 0) within ±5 %."
    }

    /// At most this many panels go in one small-multiples figure; deeper networks get several.
    static let panelsPerFigure = 16

    /// Columns for a grid of `count` small multiples: at most four, panels no narrower than
    /// needed, and a full 3 × 3 grid for nine rather than a lone panel in a third row.
    static func columns(_ count: Int) -> Int { count <= 3 ? max(count, 1) : count == 4 ? 2 : count <= 6 || count == 9 ? 3 : 4 }

    /// Layer names in as few groups of at most `panelsPerFigure` as will do, of even sizes
    /// (19 layers: 10 and 9, not 16 and 3); the first group only when `all` is false.
    static func layerGroups(_ data: RunData, wanted: [String], all: Bool) -> [[String]] {
        let names = wanted.isEmpty ? data.chartLayers : wanted
        let count = (names.count + panelsPerFigure - 1) / panelsPerFigure
        let size = count == 0 ? 1 : (names.count + count - 1) / count
        let groups = stride(from: 0, to: names.count, by: size).map { Array(names[$0..<min($0 + size, names.count)]) }
        return all ? groups : Array(groups.prefix(1))
    }

    static func layerMultiples(_ data: RunData, layers wanted: [String] = []) -> Figure? {
        guard let snapshot = data.thresholdSnapshot else { return nil }
        let threshold = data.threshold
        let all = data.run.prunableChannels(of: snapshot)
        let magnitudes = all.flatMap { $0.gammas.lazy.map { Double(abs($0)) }.filter(\.isFinite) }
        let top = magnitudes.max() ?? 1
        // Over several decades the bins are equal ratios on a log axis (the removed channels of a
        // sparsity-trained run no longer share one bar at 0 with the threshold invisible).
        let decades = decadeSpan(magnitudes)
        let edges: [Double]
        if let (lo, hi) = decades {
            let a = log10(lo), b = log10(hi)
            edges = (0...24).map { k in pow(10, a + (b - a) * Double(k) / 24) }
        } else {
            edges = (0...24).map { k in Double(k) * max(top, 1e-12) / 24 }
        }
        let zeros = magnitudes.filter { $0 == 0 }.count
        let names = wanted.isEmpty ? Array(data.chartLayers.prefix(panelsPerFigure)) : wanted
        let channels = names.compactMap { name in all.first { $0.name == name } }
        let panels = channels.map { layer -> Chart in
            var marks: [any Mark] = [HistogramMark(values: layer.gammas.map { Double(abs($0)) }, bins: .edges(edges))]
            if let t = threshold { marks.append(RuleMark.vertical(at: t)) }
            return Chart(title: layer.name, x: Axis("|γ|", scale: decades == nil ? nil : .log(zeroBucket: zeros > 0)),
                         y: Axis("channels", wholeNumbers: true),
                         marks: marks, legend: .hidden)
        }
        guard !panels.isEmpty else { return nil }
        var caption = "Dashed line: the global threshold. " + where_(snapshot) + "."
        if decades != nil { caption += " |γ| spans several decades: log axis, equal-ratio bins." }
        if decades != nil, zeros > 0 { caption += " " + zeroCaption(zeros) }
        return Figure(title: title("|γ| per layer", names, of: data), panels: panels, columns: columns(panels.count), sharesX: true,
                      caption: caption)
    }

    /// Median and 5–95 % / 25–75 % bands of |γ| per layer over every snapshot.
    static func evolution(_ data: RunData, layers wanted: [String] = []) -> Figure? {
        let timeline = data.gammaTimeline
        guard timeline.count > 1 else { return nil }
        let x = data.run.gammas.map { data.clock.position(of: $0) }
        let names = wanted.isEmpty ? Array(data.chartLayers.prefix(panelsPerFigure)) : wanted
        let slot = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var zeroSlot = false
        var xs = Array(repeating: [Double](), count: names.count)
        var stats = Array(repeating: [GammaStatistics](), count: names.count)
        for (i, snapshot) in timeline.enumerated() {
            for layer in snapshot.layers where layer.statistics.count > 0 {
                guard let k = slot[layer.layer] else { continue }
                xs[k].append(x[i]); stats[k].append(layer.statistics)
            }
        }
        let panels = names.indices.compactMap { k -> Chart? in
            let keep = evenlySpaced(xs[k].count, atMost: 240)
            let name = names[k], xs = keep.map { xs[k][$0] }, stats = keep.map { stats[k][$0] }
            guard xs.count > 1 else { return nil }
            var marks: [any Mark] = [
                QuantileBandMark(x: xs, bands: [.init(lower: stats.map(\.p05), upper: stats.map(\.p95), label: "5–95%"),
                                                .init(lower: stats.map(\.p25), upper: stats.map(\.p75), label: "25–75%")],
                                 center: stats.map(\.median), centerLabel: "median"),
            ]
            marks += data.pruneMarks.map { RuleMark.vertical(at: $0.x) }
            let logAxis = decadeSpan(stats.map(\.p05) + stats.map(\.max)) != nil
            // A band reaching |γ| = 0 (channels masked out, or driven exactly to zero) ends in
            // the axis's "0" slot rather than being dropped from the log axis.
            let reachesZero = logAxis && stats.contains { $0.p05 <= 0 }
            zeroSlot = zeroSlot || reachesZero
            return Chart(title: name, x: Axis("epoch", wholeNumbers: true),
                         y: Axis("|γ|", scale: logAxis ? .log(zeroBucket: reachesZero) : nil), marks: marks)
        }
        guard !panels.isEmpty else { return nil }
        return Figure(title: title("|γ| over training, per layer", names, of: data), panels: panels, columns: columns(panels.count),
                      sharesX: true, caption: "Vertical lines: prunes. Panels whose |γ| spans more than two decades use a log axis"
                        + (zeroSlot ? "; a band reaching |γ| = 0 ends in the axis's \"0\" slot below the decades." : "."))
    }

    /// What the "0" slot of a log |γ| axis holds.
    static func zeroCaption(_ zeros: Int) -> String {
        "The bar at \"0\", left of the decades, counts the \(zeros) channel\(zeros == 1 ? "" : "s") with |γ| = 0, which a log axis cannot place."
    }

    /// The smallest and largest positive value when they lie more than two decades apart:
    /// then |γ| is drawn on a log scale.
    static func decadeSpan<S: Sequence>(_ values: S) -> (Double, Double)? where S.Element == Double {
        var lo = Double.infinity, hi = 0.0
        for v in values where v.isFinite && v > 0 { lo = min(lo, v); hi = max(hi, v) }
        return hi > 0 && hi / lo > 100 ? (lo, hi) : nil
    }

    /// The figure title, naming the range of layers when the figure shows only some.
    private static func title(_ base: String, _ names: [String], of data: RunData) -> String {
        guard names.count < data.layers.count, let first = names.first, let last = names.last else { return base }
        return "\(base): \(first) … \(last) (\(names.count) of \(data.layers.count))"
    }

    /// At most `limit` indices of `0..<count`, evenly spaced, always with the first and last:
    /// a chart panel has fewer pixels than a long run has snapshots.
    static func evenlySpaced(_ count: Int, atMost limit: Int) -> [Int] {
        guard count > limit, limit > 1 else { return Array(0..<count) }
        return (0..<limit).map { Int((Double($0) * Double(count - 1) / Double(limit - 1)).rounded()) }
    }
}
