import SlimAnalysis

/// The words and tables of a comparison: which runs win, how runs were grouped, what each saved
/// and what it cost.
enum ComparisonText {
    /// Which groups dominate others (more accurate beyond one standard error, fewer FLOPs) and
    /// which are within noise of the best.
    static func opening(_ runs: ComparedRuns) -> String {
        let d = runs.comparison.dominance
        let groups = runs.groups
        let name = { (i: Int) in groups[i].label }
        func at(_ i: Int) -> String {
            "\(Format.percent(groups[i].accuracyFinal?.mean)) at \(Format.count(Int(groups[i].finalFLOPs?.mean ?? 0))) FLOPs"
        }
        var text = "Final test accuracy against FLOPs"
        if let se = d.standardError, let n = d.testImages {
            text += ", read against one standard error of an accuracy on \(n) test images (√(p(1−p)/n) = \(Format.number(se * 100, digits: 2)) points)"
        } else {
            text += " (the test set's size is unknown, so no noise is allowed for)"
        }
        text += ". "
        var winners: [Int: [Int]] = [:]
        for p in d.pairs { winners[p.winner, default: []].append(p.loser) }
        let order = winners.keys.sorted()
        if order.isEmpty {
            text += "No run is more accurate beyond noise at lower cost than another. "
        } else {
            text += order.map { w in
                "\(name(w)) (\(at(w))) dominates \(winners[w]!.map { "\(name($0)) (\(at($0)))" }.joined(separator: ", "))"
            }.joined(separator: "; ") + ": higher accuracy at lower cost. "
        }
        if d.withinNoiseOfBest.count > 1 {
            text += "Within one standard error of the most accurate: " + d.withinNoiseOfBest.map(name).joined(separator: ", ")
            if let c = d.cheapestOfBest { text += "; of these \(name(c)) is the cheapest (\(at(c)))" }
            text += "."
        } else if let best = d.withinNoiseOfBest.first {
            text += "\(name(best)) is the most accurate (\(at(best))), beyond noise."
        }
        return text
    }

    /// How `compare` grouped the runs.
    static func grouping(_ runs: ComparedRuns) -> String {
        let groups = runs.groups.filter { $0.count > 1 }
        guard !groups.isEmpty else {
            return "Runs are grouped when their configurations are equal except for the seed; no two runs here are, so each stands alone."
        }
        let list = groups.map { g in
            "\(g.label): \(g.members.map { runs.comparison.labels[$0] }.joined(separator: ", ")) (seeds \(g.seeds.map { $0.map(String.init) ?? "?" }.joined(separator: ", ")))"
        }
        let alone = runs.groups.filter { $0.count == 1 }.map(\.label)
        return "Runs whose configurations are equal except for the seed are one group, drawn as its mean with min–max: "
            + list.joined(separator: "; ") + "." + (alone.isEmpty ? "" : " Alone: " + alone.joined(separator: ", ") + ".")
    }

    static func savedTable(_ runs: ComparedRuns) -> ReportTable {
        ReportTable(header: ["run", "λ", "ratio", "passes", "params", "saved", "FLOPs", "MACs", "saved"],
                    rows: runs.groups.map { g in
                        let c = g.members.first.flatMap { runs.comparison.rows[$0].config }
                        return [runs.label(g), c?.lambda.map { Format.number($0) } ?? "–", c?.pruneRatio.map { Format.number($0) } ?? "–",
                                "\(runs.comparison.rows[g.members[0]].passes)",
                                spread(g.finalParams, count: true), spread(g.paramsSaved), spread(g.finalFLOPs, count: true),
                                spread(g.finalMACs, count: true), spread(g.flopsSaved)]
                    })
    }

    static func costTable(_ runs: ComparedRuns) -> ReportTable {
        ReportTable(header: ["run", "threshold", "|γ| < 0.01", "trained", "pruned", "fine-tuned", "verdict"],
                    rows: runs.groups.map { g in
                        [runs.label(g), spread(g.threshold, number: true), spread(g.nearZeroShare), spread(g.accuracyTrained),
                         spread(g.accuracyPruned), spread(g.accuracyFinal), g.verdicts.map(\.label).joined(separator: " / ").ifEmpty("–")]
                    })
    }

    /// "97.9 %" for one run, "97.9 % (97.7–98.1)" for a group; counts and numbers likewise.
    static func spread(_ s: Spread?, count: Bool = false, number: Bool = false) -> String {
        guard let s else { return "–" }
        let f: (Double) -> String = count ? { Format.count(Int($0.rounded())) } : number ? { Format.number($0, digits: 3) }
            : { Format.percent($0) }
        guard s.count > 1, s.min != s.max else { return f(s.mean) }
        let bare: (Double) -> String = count || number ? f : { Format.number($0 * 100, digits: 3) }
        return "\(f(s.mean)) (\(bare(s.min))–\(bare(s.max)))"
    }
}

private extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
