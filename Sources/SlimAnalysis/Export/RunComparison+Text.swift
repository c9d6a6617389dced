extension RunComparison {
    func describe(into doc: inout Document) {
        doc.title("Comparison of \(labels.count) runs")
        if architectureDifferences.isEmpty {
            doc.paragraph("The original architectures agree layer by layer.")
        } else {
            doc.paragraph(lines: ["The original architectures differ:"] + architectureDifferences.map { "- " + $0 })
        }
        doc.heading("Cost and accuracy. \(NetworkCost.flopsConvention).")
        doc.table(ExportTable(
            headers: ["run", "λ", "ratio", "passes", "seed", "params", "final params", "FLOPs", "final FLOPs", "baseline acc.", "final acc."],
            rows: rows.map { r in
                [r.label, r.config?.lambda.map { Format.number($0) } ?? "–", r.config?.pruneRatio.map { Format.number($0) } ?? "–",
                 String(r.passes), r.config?.seed.map(String.init) ?? "–",
                 r.original.map { Format.count($0.cost.params) } ?? "–", r.final.map { Format.count($0.cost.params) } ?? "–",
                 r.original.map { Format.scientific(Double($0.cost.flops)) } ?? "–",
                 r.final.map { Format.scientific(Double($0.cost.flops)) } ?? "–",
                 Format.percent(r.original?.accuracy.beforePrune, decimals: 2), Format.percent(r.final?.accuracy.final, decimals: 2)]
            }))
        doc.heading("Final widths per layer (original in parentheses)")
        doc.table(ExportTable(
            headers: ["layer"] + labels,
            rows: widths.map { w in
                [w.layer] + zip(w.original, w.final).map { o, f in
                    guard let o, let f else { return "–" }
                    return "\(f) (\(o))"
                }
            }))
        doc.heading("Pooled |γ| before the first prune")
        doc.table(ExportTable(
            headers: ["run", "channels", "min", "median", "p95", "max", "<1e-2", "threshold", "≤ thr.", "±10 %"],
            rows: zip(labels, gamma).map { label, g in
                guard let g else { return [label, "no γ snapshot"] }
                return [label, String(g.count), Format.number(g.min, digits: 3), Format.number(g.median, digits: 3),
                        Format.number(g.p95, digits: 3), Format.number(g.max, digits: 3), Format.percent(g.fractionBelow1e2),
                        g.threshold.map { Format.number($0, digits: 3) } ?? "–", Format.percent(g.fractionAtOrBelowThreshold),
                        g.within10Percent.map(String.init) ?? "–"]
            }))
        for group in seedGroups {
            doc.heading("Runs differing only by seed: \(group.labels.joined(separator: ", "))")
            func line(_ name: String, _ s: Spread?, _ show: (Double) -> String) -> [String] {
                guard let s else { return [name, "–", "–", "–", "–"] }
                return [name, show(s.mean), show(s.standardDeviation), show(s.min), show(s.max)]
            }
            doc.table(ExportTable(headers: ["quantity", "mean", "± std", "min", "max"], rows: [
                line("final accuracy", group.finalAccuracy) { Format.percent($0, decimals: 2) },
                line("final params", group.finalParams) { $0.isFinite && abs($0) < 9e18 ? Format.count(Int($0.rounded())) : Format.notAvailable },
                line("final FLOPs", group.finalFLOPs) { Format.scientific($0) },
            ]))
        }
    }
}
