import SlimAnalysis
import SlimCharts

/// The report that puts several runs side by side and says which is better.
public enum ComparisonReport {
    public static func document(_ runs: [RunAnalysis], labels: [String]? = nil, warnings: [String] = []) -> ReportDocument {
        let compared = ComparedRuns(runs, labels: labels)
        let comparison = compared.comparison
        var notes = warnings
        for (run, label) in zip(runs, comparison.labels) where !run.isComplete {
            notes.append("\(label): partial log (no end event); its numbers are what was recorded so far.")
        }
        let differences = comparison.architectureDifferences
        if !differences.isEmpty {
            notes.append("The original architectures differ (\(differences.count) difference\(differences.count == 1 ? "" : "s"), listed in the last section).")
        }
        var verdict = ReportSection(title: "Verdict")
        verdict.blocks.append(.paragraph(ComparisonText.opening(compared)))
        verdict.blocks.append(.paragraph(ComparisonText.grouping(compared)))
        verdict.blocks.append(.table(ComparisonText.savedTable(compared)))
        verdict.blocks.append(.table(ComparisonText.costTable(compared)))
        // The trade-off is the verdict in one picture: it closes page 1.
        if let g = ComparisonCharts.tradeoff(compared, params: false) {
            verdict.blocks.append(.chart(ReportChart(name: "tradeoff", graphic: g, size: Size(width: 560, height: 300))))
        }
        verdict.blocks.append(.paragraph("Saved: against the run's original network, after its last pass. Pruned: right after the first prune, "
            + "before fine-tuning. |γ| < 0.01: share of the pooled prunable channels on the snapshot the first threshold was taken on. "
            + "Groups (n > 1): the mean, and the members' min–max in the row under it. " + NetworkCost.flopsConvention + "."))
        var charts = ReportSection(title: "Side by side")
        let items: [(String, (any Graphic)?, Size)] = [
            ("prune-accuracy", ComparisonCharts.accuracyAroundPrune(compared), Size(width: 560, height: 320)),
            ("gamma-overlay", ComparisonCharts.gammaOverlay(compared), Size(width: 560, height: 340)),
            ("accuracy", ComparisonCharts.testAccuracy(compared), Size(width: 560, height: 320)),
            ("tradeoff-params", ComparisonCharts.tradeoff(compared, params: true), Size(width: 560, height: 340)),
            ("widths", ComparisonCharts.finalWidths(compared), Size(width: 620, height: 340)),
        ]
        for (name, graphic, size) in items {
            if let g = graphic { charts.blocks.append(.chart(ReportChart(name: name, graphic: g, size: size))) }
        }
        var sections = [verdict, charts]
        var perRun = ReportSection(title: "Each run's prune")
        // One map for runs of one architecture; a map each when their layers differ.
        let shared = ComparisonCharts.keptShares(compared.data, labels: comparison.labels)
        if let shared, let layers = compared.data.first?.chartLayers.count {
            perRun.blocks.append(.chart(ReportChart(name: "kept", graphic: shared, size: Size(width: 560, height: 170 + 24 * Double(layers)))))
        }
        for (index, d) in compared.data.enumerated() {
            let label = comparison.labels[index]
            for v in d.run.sparsityVerdicts { perRun.blocks.append(.paragraph("\(label) — " + v.sentence)) }
            if shared == nil, var c = PruningCharts.keptHeatmap(d) {
                c.subtitle = "\(label): layers × passes"
                perRun.blocks.append(.chart(ReportChart(name: "kept-\(index)", graphic: c,
                                                        size: Size(width: 440, height: 120 + 22 * Double(d.chartLayers.count)))))
            }
        }
        sections.append(perRun)
        if !differences.isEmpty {
            sections.append(ReportSection(title: "Architectures", blocks: differences.map { .paragraph($0) }))
        }
        return ReportDocument(title: "Comparison of \(runs.count) runs", subtitle: ComparisonText.runNames(compared),
                              notes: notes, sections: sections)
    }
}
