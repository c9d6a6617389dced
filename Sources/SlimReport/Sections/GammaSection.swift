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
        for v in data.run.sparsityVerdicts {
            section.blocks.append(.paragraph("Sparsity verdict, pass \(v.pass): \(v.explanation)"))
        }
        let wide = Size(width: 720, height: 200 + 150 * Double((data.layers.count + 3) / 4))
        let charts: [(String, (any Graphic)?, Size)] = [
            ("gamma-hist", GammaCharts.histogram(data, log: false), Size(width: 520, height: 320)),
            ("gamma-hist-log", GammaCharts.histogram(data, log: true), Size(width: 520, height: 320)),
            ("gamma-layers", GammaCharts.layerMultiples(data), wide),
            ("gamma-evolution", GammaCharts.evolution(data), wide),
            ("gamma-heatmap", GammaCharts.heatmap(data, layer: nil), Size(width: 560, height: 360)),
        ]
        for (name, graphic, size) in charts {
            if let g = graphic { section.blocks.append(.chart(ReportChart(name: name, graphic: g, size: size))) }
        }
        return section
    }
}
