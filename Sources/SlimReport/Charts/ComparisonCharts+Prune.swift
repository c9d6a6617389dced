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
}
