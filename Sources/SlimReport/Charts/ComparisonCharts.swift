import SlimAnalysis
import SlimCharts

/// Charts that put several runs side by side; a group of seeds is one series (`ComparedRuns`).
enum ComparisonCharts {
    /// Test accuracy against FLOPs or parameters after every pass, each group's passes joined
    /// in order (original → pass 1 → …).
    static func tradeoff(_ runs: ComparedRuns, params: Bool) -> Chart? {
        let marks: [any Mark] = runs.groups.compactMap { g in
            let passes = g.passes.filter { $0.final != nil && (params ? $0.params : $0.flops) != nil }
            guard !passes.isEmpty else { return nil }
            let ranges = passes.map { runs.range($0.final, g) }
            return RangeMark(x: passes.map { (params ? $0.params : $0.flops)!.mean }, y: passes.map { $0.final!.mean },
                             lower: ranges.map(\.0), upper: ranges.map(\.1),
                             pointLabels: passes.map { $0.pass == 0 ? "" : "p\($0.pass)" }, label: runs.label(g))
        }
        guard !marks.isEmpty else { return nil }
        let what = params ? "parameters" : "FLOPs"
        let note = runs.rangeNote
        return Chart(title: "Accuracy vs \(what)",
                     subtitle: "each run from its original network (right) through its passes pN" + (note.isEmpty ? "" : "; " + note),
                     x: Axis(what, format: .compact), y: Axis("test accuracy", format: .percent(decimals: 1)),
                     marks: marks, legend: marks.count > 1 ? .automatic : .hidden)
    }

    static func finalWidths(_ runs: ComparedRuns) -> Chart? {
        guard let layers = runs.data.first?.layers, !layers.isEmpty else { return nil }
        // The original in grey, so each group keeps the colour it has in the other charts.
        var series = [BarMark.Series("original", values: layers.map { Double(runs.data[0].widths(of: $0).first.flatMap { $0 } ?? 0) },
                                     color: Color(hex: 0x9E9E9E))]
        for g in runs.groups {
            series.append(.init(runs.label(g), values: layers.map { layer in
                let finals = g.members.compactMap { runs.data[$0].widths(of: layer).last.flatMap { $0 } }
                return finals.isEmpty ? 0 : Double(finals.reduce(0, +)) / Double(finals.count)
            }))
        }
        return Chart(title: "Final channels per layer", subtitle: runs.groups.contains { $0.count > 1 } ? "groups of seeds: mean" : nil,
                     x: Axis("BatchNorm layer"), y: Axis("channels", wholeNumbers: true),
                     marks: [BarMark(categories: layers, series: series)])
    }

    /// Test accuracy over every epoch of every phase, a group as its mean with a min–max band;
    /// at each prune the line drops to the accuracy right after it (before fine-tuning), and
    /// the prunes are marked.
    static func testAccuracy(_ runs: ComparedRuns) -> Chart? {
        var marks: [any Mark] = []
        var prunes: Set<Double> = []
        for g in runs.groups {
            // Per member: (x, accuracy) in order, the after-prune points inserted at the prune.
            let curves = g.members.map { i -> [(Double, Double)] in
                let d = runs.data[i]
                var points = d.epochIndex.compactMap { p in p.record.testAccuracy.map { (p.x, $0) } }
                for prune in d.run.prunes {
                    guard let after = prune.accuracyAfter else { continue }
                    let x = d.clock.start(ofPass: prune.pass)
                    prunes.insert(x)
                    let at = points.firstIndex { $0.0 > x } ?? points.count
                    points.insert((x, after), at: at)
                }
                return points
            }
            guard let longest = curves.max(by: { $0.count < $1.count }), !longest.isEmpty else { continue }
            // Members share the schedule, so the k-th point is the same moment in each.
            let x = longest.map(\.0)
            let columns = x.indices.map { k in curves.compactMap { $0.count > k ? $0[k].1 : nil } }
            let mean = columns.map { $0.reduce(0, +) / Double($0.count) }
            let several = g.count > 1
            marks.append(RangeMark(x: x, y: mean, lower: several ? columns.map { $0.min()! } : nil,
                                   upper: several ? columns.map { $0.max()! } : nil, rangeStyle: .band,
                                   showsPoints: false, label: runs.label(g)))
        }
        guard !marks.isEmpty else { return nil }
        marks += prunes.sorted().enumerated().map { RuleMark.vertical(at: $0.element, label: $0.offset == 0 ? "prune" : nil) }
        return Chart(title: "Test accuracy over training",
                     subtitle: "all phases and passes, aligned by epoch; at a prune the line drops to the accuracy right after it"
                        + (runs.groups.contains { $0.count > 1 } ? "; groups of seeds: mean, band min–max" : ""),
                     x: Axis("epoch (all phases)", wholeNumbers: true), y: Axis("test accuracy", format: .percent()), marks: marks)
    }
}
