import SlimAnalysis
import SlimCharts

/// γ histograms, per-layer distributions, γ over training and the sparsity verdict.
enum GammaSection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "BatchNorm γ")
        guard !data.run.gammas.isEmpty else {
            section.blocks.append(.note("The log has no γ snapshot."))
            return section
        }
        for v in data.run.sparsityVerdicts { section.blocks.append(.paragraph(v.sentence)) }
        if let note = RunData.sampleNote(data.layers.count, kind: "prunable BatchNorm layers") { section.blocks.append(.note(note)) }
        let groups = GammaCharts.layerGroups(data, wanted: [], all: true)
        func wide(_ group: [String]) -> Size {
            let columns = GammaCharts.columns(group.count)
            return Size(width: 720, height: 120 + 150 * Double((group.count + columns - 1) / columns))
        }
        func suffix(_ i: Int) -> String { i == 0 ? "" : "-\(i + 1)" }
        var charts: [(String, (any Graphic)?, Size)] = [
            ("gamma-hist", GammaCharts.histogram(data, log: false), Size(width: 520, height: 320)),
            ("gamma-hist-log", GammaCharts.histogram(data, log: true), Size(width: 520, height: 320)),
        ]
        charts += groups.enumerated().map { ("gamma-layers" + suffix($0.offset), GammaCharts.layerMultiples(data, layers: $0.element), wide($0.element)) }
        charts += groups.enumerated().map { ("gamma-evolution" + suffix($0.offset), GammaCharts.evolution(data, layers: $0.element), wide($0.element)) }
        charts.append(("gamma-heatmap", GammaCharts.heatmap(data, layer: nil), Size(width: 560, height: 360)))
        for (name, graphic, size) in charts {
            if let g = graphic { section.blocks.append(.chart(ReportChart(name: name, graphic: g, size: size))) }
        }
        return section
    }
}
