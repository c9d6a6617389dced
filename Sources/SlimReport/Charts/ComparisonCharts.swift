import SlimAnalysis
import SlimCharts

/// Charts that put several runs side by side.
enum ComparisonCharts {
    static func tradeoff(_ runs: [RunData], labels: [String], params: Bool) -> Chart? {
        let marks: [any Mark] = zip(runs, labels).compactMap { run, label in
            let passes = run.summaries.filter { $0.accuracy.final != nil }
            guard !passes.isEmpty else { return nil }
            return ScatterMark(x: passes.map { Double(params ? $0.cost.params : $0.cost.flops) },
                               y: passes.map { $0.accuracy.final! },
                               pointLabels: passes.map { $0.pass == 0 ? "" : "p\($0.pass)" }, label: label)
        }
        guard !marks.isEmpty else { return nil }
        let what = params ? "parameters" : "FLOPs"
        return Chart(title: "Accuracy vs \(what)", subtitle: "every pass of every run: unlabelled = before pruning, pN = after pass N",
                     x: Axis(what, format: .compact), y: Axis("test accuracy", format: .percent(decimals: 1)),
                     marks: marks, legend: runs.count > 1 ? .automatic : .hidden)
    }

    static func finalWidths(_ runs: [RunData], labels: [String]) -> Chart? {
        guard let layers = runs.first?.chartLayers, !layers.isEmpty else { return nil }
        // The original in grey, so each run keeps the colour it has in the other charts.
        var series = [BarMark.Series("original", values: layers.map { Double(runs[0].widths(of: $0).first.flatMap { $0 } ?? 0) },
                                     color: Color(hex: 0x9E9E9E))]
        for (run, label) in zip(runs, labels) {
            series.append(.init(label, values: layers.map { Double(run.widths(of: $0).last.flatMap { $0 } ?? 0) }))
        }
        return Chart(title: "Final channels per layer", x: Axis("BatchNorm layer"), y: Axis("channels", wholeNumbers: true),
                     marks: [BarMark(categories: layers, series: series)])
    }

    static func testAccuracy(_ runs: [RunData], labels: [String]) -> Chart? {
        let marks: [any Mark] = zip(runs, labels).compactMap { run, label in
            let points = run.epochIndex.compactMap { p in p.record.testAccuracy.map { (p.x, $0) } }
            return points.isEmpty ? nil : LineMark(x: points.map(\.0), y: points.map(\.1), label: label)
        }
        guard !marks.isEmpty else { return nil }
        return Chart(title: "Test accuracy over training", subtitle: "all phases and passes, aligned by epoch",
                     x: Axis("epoch (all phases)", wholeNumbers: true), y: Axis("test accuracy", format: .percent()), marks: marks)
    }
}
