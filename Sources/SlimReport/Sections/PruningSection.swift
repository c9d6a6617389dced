import SlimAnalysis
import SlimCharts

/// Widths per pass, the kept-ratio heat map and the stage that lost most.
enum PruningSection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "Pruning pattern")
        if let c = PruningCharts.widths(data) {
            section.blocks.append(.chart(ReportChart(name: "widths", graphic: c, size: Size(width: 560, height: 320))))
        } else if !data.layers.isEmpty {
            section.blocks.append(.note("Every BatchNorm layer has 0 channels in every pass: the network has collapsed, there are no widths to draw."))
        }
        if let c = PruningCharts.keptHeatmap(data) {
            section.blocks.append(.chart(ReportChart(name: "kept-heatmap", graphic: c,
                                                     size: Size(width: 440, height: 120 + 22 * Double(data.layers.count)))))
        }
        let patterns = data.run.prunePatterns
        if patterns.isEmpty { section.blocks.append(.note("The log has no prune event yet.")) }
        for p in patterns {
            var text = "Pass \(p.pass): ratio \(Format.percent(p.ratio)), threshold \(Format.number(p.threshold, digits: 3)), \(p.removed) of \(p.channelsBefore) channels removed."
            if let s = p.stageLostMost {
                text += " The stage that lost most: \(s.stage.name), \(s.removed) of \(s.before) channels (\(Format.percent(s.removedFraction)))."
            }
            section.blocks.append(.paragraph(text))
            for g in p.guarded { section.blocks.append(.note("Pass \(p.pass): \(g.layer) was kept alive by the \(g.guardApplied ?? "collapse") guard.")) }
        }
        return section
    }
}
