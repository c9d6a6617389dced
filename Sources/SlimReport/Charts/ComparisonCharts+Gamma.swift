import Foundation
import SlimAnalysis
import SlimCharts

extension ComparisonCharts {
    /// Every group's pooled |γ| at its first threshold as a step outline over one shared log
    /// axis, with each group's threshold: where sparsity training put the channels, and where
    /// the prune cut. A group's outline is its members' mean count per bin. Exact zeros cannot
    /// sit on a log axis; the caption counts them.
    static func gammaOverlay(_ runs: ComparedRuns, bins: Int = 40) -> Chart? {
        let values: [[[Double]]] = runs.groups.map { g in
            g.members.map { i in
                let d = runs.data[i]
                guard let snapshot = d.thresholdSnapshot else { return [] }
                return d.run.prunableChannels(of: snapshot).flatMap { $0.gammas.map { Double(abs($0)) } }.filter(\.isFinite)
            }
        }
        let positive = values.joined().joined().filter { $0 > 0 }
        guard let lo = positive.min(), let hi = positive.max() else { return nil }
        let (a, b) = lo == hi ? (log10(lo) - 0.5, log10(hi) + 0.5) : (log10(lo), log10(hi))
        let edges = (0...bins).map { pow(10, a + (b - a) * Double($0) / Double(bins)) }
        var marks: [any Mark] = []
        var zeros: [String] = []
        for (g, members) in zip(runs.groups, values) where !members.joined().isEmpty {
            let counts = members.map { HistogramMark(values: $0.filter { $0 > 0 }, bins: .edges(edges)).counts }
            let mean = (0..<bins).map { k in Double(counts.reduce(0) { $0 + $1[k] }) / Double(counts.count) }
            var x: [Double] = [edges[0]], y: [Double] = [0]
            for k in 0..<bins { x += [edges[k], edges[k + 1]]; y += [mean[k], mean[k]] }
            x.append(edges[bins]); y.append(0)
            marks.append(RangeMark(x: x, y: y, showsPoints: false, label: runs.label(g)))
            let zero = members.map { $0.filter { $0 == 0 }.count }.reduce(0, +)
            if zero > 0 { zeros.append("\(runs.label(g)): \(zero) exactly 0") }
        }
        for g in runs.groups {
            if let t = g.threshold?.mean, t > 0 { marks.append(RuleMark.vertical(at: t, label: "\(g.label) threshold")) }
        }
        guard !marks.isEmpty else { return nil }
        var caption = "Pooled |γ| of the prunable layers on the snapshot each run's first threshold was taken on, \(bins) equal-ratio bins; "
            + "dashed: each run's threshold" + (runs.groups.contains { $0.count > 1 } ? " (groups: mean count per bin, mean threshold)." : ".")
        if !zeros.isEmpty { caption += " Not on the log axis: " + zeros.joined(separator: "; ") + "." }
        return Chart(title: "|γ| of all channels, every run", subtitle: "shared log axis; channels left of a run's threshold were removed",
                     x: Axis("|γ|", scale: .log()), y: Axis("channels per bin", wholeNumbers: true), marks: marks, caption: caption)
    }
}
