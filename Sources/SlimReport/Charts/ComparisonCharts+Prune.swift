import SlimAnalysis
import SlimCharts

extension ComparisonCharts {
    /// Each group's test accuracy at the three moments around its first prune — trained,
    /// pruned (before fine-tuning), fine-tuned. Whether sparsity training made the prune
    /// harmless is the dip in the middle, or its absence. Groups are set side by side within
    /// each moment so lines that agree do not hide each other.
    static func accuracyAroundPrune(_ runs: ComparedRuns) -> Chart? {
        let count = Double(runs.groups.count)
        let marks: [any Mark] = runs.groups.enumerated().compactMap { index, g in
            guard let first = g.passes.first(where: { $0.pass == 1 }) else { return nil }
            let stages = [first.beforePrune, first.afterPrune, first.final]
            let offset = count > 1 ? (Double(index) - (count - 1) / 2) * min(0.08, 0.5 / count) : 0
            let points = stages.enumerated().compactMap { i, s in s.map { (Double(i) + offset, $0, runs.range($0, g)) } }
            guard points.count >= 2 else { return nil }
            return RangeMark(x: points.map(\.0), y: points.map(\.1.mean), lower: points.map(\.2.0), upper: points.map(\.2.1),
                             label: runs.label(g))
        }
        guard !marks.isEmpty else { return nil }
        let note = runs.rangeNote
        return Chart(title: "Accuracy around the first prune",
                     subtitle: "pruned = right after the prune, before fine-tuning" + (note.isEmpty ? "" : "; " + note),
                     x: Axis(scale: .band(categories: ["trained", "pruned", "fine-tuned"]), grid: false),
                     y: Axis("test accuracy", format: .percent(decimals: 1)), marks: marks)
    }

    /// Every run's kept share per layer and pass in one map (runs of one architecture): a
    /// column per run and pass, so the runs' patterns sit side by side instead of a chart each.
    static func keptShares(_ data: [RunData], labels: [String]) -> Chart? {
        guard let layers = data.first?.chartLayers, !layers.isEmpty, data.allSatisfy({ $0.chartLayers == layers }) else { return nil }
        var columns: [String] = [], values = Array(repeating: [Double](), count: layers.count)
        for (d, label) in zip(data, labels) where d.summaries.count > 1 {
            let passes = d.summaries.dropFirst()
            columns += passes.map { passes.count == 1 ? label : "\(label) p\($0.pass)" }
            for (row, layer) in layers.enumerated() {
                let w = d.widths(of: layer), original = Double(w[0] ?? 0)
                values[row] += passes.indices.map { i in original > 0 ? Double(w[i] ?? 0) / original : .nan }
            }
        }
        guard !columns.isEmpty else { return nil }
        return Chart(title: "Kept share of the original channels", subtitle: "every run: layers × runs and passes",
                     x: Axis(grid: false), y: Axis("BatchNorm layer", grid: false),
                     marks: [HeatMapMark(values: values, rowLabels: layers, columnLabels: columns, range: 0...1,
                                         colorTitle: "kept", colorFormat: .percent(), cellLabels: .percent())])
    }
}
