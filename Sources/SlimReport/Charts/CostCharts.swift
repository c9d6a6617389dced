import SlimAnalysis
import SlimCharts

/// Costs per layer, FLOPs saved against latency saved, and the what-if sweep.
enum CostCharts {
    static func costs(_ data: RunData) -> Figure? {
        guard let first = data.summaries.first, let last = data.summaries.last, data.summaries.count > 1 else { return nil }
        let layers = RunData.sampled(costLayers(first))
        guard !layers.isEmpty else { return nil }
        let names = layers.map(\.name)
        let pruned = Dictionary(last.cost.layers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func panel(_ title: String, _ value: (LayerCost) -> Int, rows: String? = nil) -> Chart {
            let after = names.map { n in Double(pruned[n].map(value) ?? 0) }
            return Chart(title: title, x: Axis(title, format: .compact), y: Axis(rows, grid: false),
                         marks: [BarMark(categories: names, series: [
                            .init("original", values: layers.map { Double(value($0)) }),
                            .init("pass \(last.pass)", values: after)], orientation: .horizontal)])
        }
        return Figure(title: "Costs per conv and linear layer: original vs pass \(last.pass)",
                      panels: [panel("parameters", \.params, rows: "conv / linear layer"), panel("FLOPs", \.flops)], columns: 2,
                      caption: "Rows are the conv and linear layers, which hold the weights and do the arithmetic; "
                        + "the pruning and γ charts name the BatchNorm layers whose channels are cut. "
                        + NetworkCost.flopsConvention + ".")
    }

    /// The layers with weights and arithmetic: conv and linear.
    static func costLayers(_ summary: PassSummary) -> [LayerCost] {
        summary.cost.layers.filter { $0.params > 0 && $0.macs > 0 }
    }

    /// The lowest "latency saved" the chart shows: −100 %, twice the original time.
    static let latencyFloor = -1.0

    /// Share of FLOPs saved against share of measured latency saved, per pass and batch size.
    static func latency(_ data: RunData) -> Chart? {
        let points = data.summaries.flatMap { s in s.speedups.map { (s.pass, $0) } }
            .filter { $0.1.flops.savedFraction != nil && $0.1.latencyMs.savedFraction != nil }
        guard !points.isEmpty else { return nil }
        let x = points.map { $0.1.flops.savedFraction! }, y = points.map { $0.1.latencyMs.savedFraction! }
        let hi = max(x.max()!, y.max()!, 0.1)
        // A pruned network measured several times slower would squash every other point into
        // a line: such points sit on the bottom edge (latency doubled) and say their value.
        let offScale = y.contains { $0 < latencyFloor }
        let labels = zip(points, y).map { p, v in
            "pass \(p.0), batch \(p.1.batch)" + (v < latencyFloor ? ": \(Format.percent(v)), off scale" : "")
        }
        var caption = "Points under the dashed line saved less time than FLOPs."
        if offScale { caption += " Points on the bottom edge took more than twice as long as the original; their label gives the value." }
        return Chart(title: "FLOPs saved vs latency saved", subtitle: "measured median latency, per pass and batch size",
                     x: Axis("FLOPs saved", format: .percent()),
                     y: Axis("latency saved", scale: offScale ? .linear(domain: latencyFloor...hi) : nil, format: .percent()),
                     marks: [LineMark(x: [0, hi], y: [0, hi], label: "latency = FLOPs", dash: [4, 3]),
                             ScatterMark(x: x, y: y.map { max($0, latencyFloor) }, pointLabels: labels, label: "measured")],
                     caption: caption)
    }

    /// Parameters and FLOPs the global threshold would leave at other ratios, swept on the γ
    /// the first prune was taken on.
    static func whatIf(_ data: RunData) -> Chart? {
        // The snapshot the first prune's threshold was taken on, so the ratio used reads
        // off the curve as the cost the prune left.
        guard let sweep = try? data.run.whatIf(ratios: (0...38).map { Double($0) / 40 }),
              sweep.points.count > 1 else { return nil }
        let ratios = sweep.points.map(\.ratio)
        let params = sweep.points.map { Double($0.params) / Double(max(1, sweep.original.params)) }
        let flops = sweep.points.map { Double($0.flops) / Double(max(1, sweep.original.flops)) }
        var marks: [any Mark] = [LineMark(x: ratios, y: params, label: "parameters left"),
                                 LineMark(x: ratios, y: flops, label: "FLOPs left")]
        if let c = sweep.collapseRatio {
            marks.append(RuleMark.vertical(at: c, label: "collapse at \(Format.percent(c, decimals: 0))"))
        }
        if let r = data.run.header?.config.pruneRatio { marks.append(RuleMark.vertical(at: r, label: "used \(Format.percent(r, decimals: 0))")) }
        return Chart(title: "What if: other prune ratios", subtitle: "γ of pass \(sweep.pass), \(sweep.phase.rawValue) epoch \(sweep.epoch)",
                     x: Axis("prune ratio", format: .percent()), y: Axis("left of the original", format: .percent()),
                     marks: marks, caption: collapseText(sweep))
    }

    static func collapseText(_ sweep: WhatIfSweep) -> String {
        if let c = sweep.collapseRatio {
            return "From a ratio of \(Format.percent(c)) the global threshold empties \(sweep.collapseLayer ?? "a layer") (collapse)."
        }
        return "No ratio in the sweep empties a layer."
    }
}
