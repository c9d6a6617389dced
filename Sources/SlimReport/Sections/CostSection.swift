import SlimAnalysis
import SlimCharts

/// Per-layer costs, FLOPs saved vs latency saved, and the what-if sweep.
enum CostSection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "Costs")
        if let f = CostCharts.costs(data) {
            let layers = data.summaries.first.map(CostCharts.costLayers)?.count ?? 8
            let rows = Double(min(layers, RunData.maxChartLayers))
            section.blocks.append(.chart(ReportChart(name: "costs", graphic: f, size: Size(width: 720, height: 160 + 26 * rows), keepsHeight: true)))
            if let note = RunData.sampleNote(layers, kind: "conv and linear layers") { section.blocks.append(.note(note)) }
        }
        if let c = CostCharts.latency(data) { section.blocks.append(.chart(ReportChart(name: "latency", graphic: c, size: Size(width: 520, height: 320)))) }
        if let c = CostCharts.whatIf(data) { section.blocks.append(.chart(ReportChart(name: "whatif", graphic: c, size: Size(width: 560, height: 320)))) }
        if section.blocks.isEmpty { section.blocks.append(.note("The log has no pruned architecture, so there is nothing to compare.")) }
        return section
    }
}
