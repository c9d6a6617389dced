import SlimAnalysis
import SlimCharts

extension ComparisonCharts {
    /// Each run's test accuracy at the three moments around its first prune — trained,
    /// pruned (before fine-tuning), fine-tuned — one line per run. Whether sparsity training
    /// made the prune harmless is the dip in the middle, or its absence.
    static func accuracyAroundPrune(_ runs: [RunData], labels: [String]) -> Chart? {
        let marks: [any Mark] = zip(runs, labels).compactMap { run, label in
            guard let first = run.summaries.first(where: { $0.pass > 0 }) else { return nil }
            let stages = [first.accuracy.beforePrune, first.accuracy.afterPrune, first.accuracy.afterFinetune]
            let points = stages.enumerated().compactMap { i, accuracy in accuracy.map { (Double(i), $0) } }
            guard points.count >= 2 else { return nil }
            return LineMark(x: points.map(\.0), y: points.map(\.1), label: label, showsPoints: true)
        }
        guard !marks.isEmpty else { return nil }
        return Chart(title: "Accuracy around the first prune", subtitle: "test accuracy of each run; pruned = right after the prune, before fine-tuning",
                     x: Axis(scale: .band(categories: ["trained", "pruned", "fine-tuned"]), grid: false),
                     y: Axis("test accuracy", format: .percent(decimals: 1)), marks: marks)
    }
}
