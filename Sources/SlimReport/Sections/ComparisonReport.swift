import SlimAnalysis
import SlimCharts

/// The report that puts several runs side by side.
public enum ComparisonReport {
    public static func document(_ runs: [RunAnalysis], labels: [String]? = nil, warnings: [String] = []) -> ReportDocument {
        let comparison = RunComparison(runs: runs, labels: labels)
        let data = runs.map(RunData.init)
        var notes = warnings
        for (run, label) in zip(runs, comparison.labels) where !run.isComplete {
            notes.append("\(label): partial log (no end event); its numbers are what was recorded so far.")
        }
        notes += comparison.architectureDifferences
        var summary = ReportSection(title: "Runs")
        summary.blocks.append(.table(ReportTable(
            header: ["run", "λ", "ratio", "passes", "params", "FLOPs", "accuracy: trained", "pruned", "final"],
            rows: comparison.rows.map { r in
                [r.label, r.config?.lambda.map { "\($0)" } ?? "–", r.config?.pruneRatio.map { "\($0)" } ?? "–", "\(r.passes)",
                 r.final.map { Text.count($0.cost.params) } ?? "–", r.final.map { Text.count($0.cost.flops) } ?? "–",
                 Text.percent(r.original?.accuracy.beforePrune), Text.percent(r.firstPrune?.accuracy.afterPrune),
                 Text.percent(r.final?.accuracy.final)]
            })))
        summary.blocks.append(.paragraph("Pruned: right after the first prune, before fine-tuning. " + NetworkCost.flopsConvention + "."))
        for g in comparison.seedGroups where g.labels.count > 1 {
            if let a = g.finalAccuracy {
                summary.blocks.append(.paragraph("Seeds of \(g.labels.joined(separator: ", ")): final accuracy \(Text.percent(a.mean)) ± \(Text.percent(a.standardDeviation))."))
            }
        }
        var charts = ReportSection(title: "Side by side")
        let labels = comparison.labels
        let items: [(String, (any Graphic)?, Size)] = [
            ("prune-accuracy", ComparisonCharts.accuracyAroundPrune(data, labels: labels), Size(width: 560, height: 320)),
            ("tradeoff", ComparisonCharts.tradeoff(data, labels: labels, params: false), Size(width: 560, height: 340)),
            ("tradeoff-params", ComparisonCharts.tradeoff(data, labels: labels, params: true), Size(width: 560, height: 340)),
            ("widths", ComparisonCharts.finalWidths(data, labels: labels), Size(width: 620, height: 340)),
            ("accuracy", ComparisonCharts.testAccuracy(data, labels: labels), Size(width: 560, height: 320)),
        ]
        for (name, graphic, size) in items {
            if let g = graphic { charts.blocks.append(.chart(ReportChart(name: name, graphic: g, size: size))) }
        }
        var sections = [summary, charts]
        for (run, label) in zip(runs, labels) {
            let d = RunData(run)
            var s = ReportSection(title: "γ and pattern: \(label)")
            for v in run.sparsityVerdicts { s.blocks.append(.paragraph(v.sentence)) }
            if let c = GammaCharts.histogram(d, log: true) { s.blocks.append(.chart(ReportChart(name: "gamma-hist-\(sections.count)", graphic: c, size: Size(width: 520, height: 300)))) }
            if let c = PruningCharts.keptHeatmap(d) {
                s.blocks.append(.chart(ReportChart(name: "kept-\(sections.count)", graphic: c, size: Size(width: 440, height: 120 + 22 * Double(d.chartLayers.count)))))
            }
            sections.append(s)
        }
        return ReportDocument(title: "Comparison of \(runs.count) runs", subtitle: labels.joined(separator: " · "),
                              notes: notes, sections: sections)
    }
}
