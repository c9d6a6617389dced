import SlimAnalysis
import SlimCharts

/// Charts of the pruning pattern: widths per layer and the kept-ratio heat map.
enum PruningCharts {
    static func widths(_ data: RunData) -> Chart? {
        guard !data.summaries.isEmpty, !data.chartLayers.isEmpty else { return nil }
        let series = data.summaries.enumerated().map { i, s in
            BarMark.Series(data.passLabel(s.pass), values: data.chartLayers.map { Double(data.widths(of: $0)[i] ?? 0) })
        }
        // All zero (a collapsed network): nothing to draw but an empty axis.
        guard series.contains(where: { $0.values.contains { $0 > 0 } }) else { return nil }
        return Chart(title: "Channels per layer", subtitle: "original network and after every pass",
                     x: Axis("BatchNorm layer"), y: Axis("channels", wholeNumbers: true),
                     marks: [BarMark(categories: data.chartLayers, series: series)])
    }

    static func keptHeatmap(_ data: RunData) -> Chart? {
        guard data.summaries.count > 1, !data.chartLayers.isEmpty else { return nil }
        let pruned = data.summaries.dropFirst()
        let values = data.chartLayers.map { layer -> [Double] in
            let w = data.widths(of: layer)
            let original = Double(w[0] ?? 0)
            return pruned.indices.map { i in original > 0 ? Double(w[i] ?? 0) / original : .nan }
        }
        return Chart(title: "Kept share of the original channels", subtitle: "layers × passes",
                     x: Axis(grid: false), y: Axis("BatchNorm layer", grid: false),
                     marks: [HeatMapMark(values: values, rowLabels: data.chartLayers,
                                         columnLabels: pruned.map { "pass \($0.pass)" }, range: 0...1,
                                         colorTitle: "kept", colorFormat: .percent(), cellLabels: .percent())])
    }
}
