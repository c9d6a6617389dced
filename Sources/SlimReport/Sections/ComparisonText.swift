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
            text += ", read against one standard error of an accuracy on \(Format.grouped(n)) test images (√(p(1−p)/n) = \(Format.number(se * 100, digits: 2)) points)"
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
        for set in d.tiedSets where set != d.withinNoiseOfBest {
            let accuracies = set.compactMap { groups[$0].accuracyFinal?.mean }
            text += " Within one standard error of each other: " + set.map(name).joined(separator: ", ")
                + " (\(ComparisonText.range(Format.percent(accuracies.min()), Format.percent(accuracies.max()))))."
        }
        return text
    }

    /// The runs by name, a seed group whose runs are named alike once with its size:
    /// `λ=0 (n=3) · λ=1e-3`.
    static func runNames(_ runs: ComparedRuns) -> String {
        runs.groups.flatMap { g -> [String] in
            let names = g.members.map { runs.comparison.labels[$0] }
            return g.count > 1 && Set(names) == [g.label] ? ["\(g.label) (n=\(g.count))"] : names
        }.joined(separator: " · ")
    }

    /// How `compare` grouped the runs.
    static func grouping(_ runs: ComparedRuns) -> String {
        let groups = runs.groups.filter { $0.count > 1 }
        guard !groups.isEmpty else {
            return "Runs are grouped when their configurations are equal except for the seed; no two runs here are, so each stands alone."
        }
        let list = groups.map { g in
            // Runs named alike (as seeds of one setting usually are) are not listed name by name.
            let names = g.members.map { runs.comparison.labels[$0] }
            let members = Set(names) == [g.label] ? "" : ": " + names.joined(separator: ", ")
            return "\(g.label)\(members) (seeds \(g.seeds.map { $0.map(String.init) ?? "?" }.joined(separator: ", ")))"
        }
        let alone = runs.groups.filter { $0.count == 1 }.map(\.label)
        return "Runs whose configurations are equal except for the seed are one group, drawn as its mean with min–max: "
            + list.joined(separator: "; ") + "." + (alone.isEmpty ? "" : " Alone: " + alone.joined(separator: ", ") + ".")
    }

    static func savedTable(_ runs: ComparedRuns) -> ReportTable {
        ReportTable(header: ["run", "λ", "ratio × passes", "params", "saved", "FLOPs", "MACs", "saved"],
                    rows: runs.groups.flatMap { g in
                        let c = g.members.first.flatMap { runs.comparison.rows[$0].config }
                        let values: [(Spread?, Kind)] = [(g.finalParams, .count), (g.paramsSaved, .percent), (g.finalFLOPs, .count),
                                                         (g.finalMACs, .count), (g.flopsSaved, .percent)]
                        let head = [runs.label(g), c?.lambda.map { Format.number($0) } ?? "–",
                                    (c?.pruneRatio.map { Format.number($0) } ?? "–") + " × \(runs.comparison.rows[g.members[0]].passes)"]
                        return rows(head, values)
                    })
    }

    static func costTable(_ runs: ComparedRuns) -> ReportTable {
        ReportTable(header: ["run", "threshold", "|γ| < 0.01", "trained", "pruned", "fine-tuned", "verdict"],
                    rows: runs.groups.flatMap { g in
                        let values: [(Spread?, Kind)] = [(g.threshold, .number), (g.nearZeroShare, .percent), (g.accuracyTrained, .percent),
                                                         (g.accuracyPruned, .percent), (g.accuracyFinal, .percent)]
                        return rows([runs.label(g)], values, tail: [g.verdicts.map(\.label).joined(separator: " / ").ifEmpty("–")])
                    })
    }

    enum Kind { case count, percent, number }

    /// The means in one row; for a group whose members differ, a second row "min–max" under it.
    static func rows(_ head: [String], _ values: [(Spread?, Kind)], tail: [String] = []) -> [[String]] {
        var first = head, second = ["  min–max"] + Array(repeating: "", count: head.count - 1)
        var differs = false
        for (s, kind) in values {
            guard let s else { first.append("–"); second.append(""); continue }
            first.append(text(s.mean, kind))
            if s.count > 1, s.min != s.max {
                differs = true
                second.append(range(text(s.min, kind), text(s.max, kind)))
            } else {
                second.append("")
            }
        }
        first += tail
        second += tail.map { _ in "" }
        return differs ? [first, second] : [first]
    }

    /// "72.1K–74.9K" → "72.1–74.9K", "97.7 %–98.1 %" → "97.7–98.1 %": the unit once.
    static func range(_ low: String, _ high: String) -> String {
        for unit in [" %", "K", "M", "G"] where low.hasSuffix(unit) && high.hasSuffix(unit) {
            return String(low.dropLast(unit.count)) + "–" + high
        }
        return low + "–" + high
    }

    private static func text(_ v: Double, _ kind: Kind) -> String {
        switch kind {
        case .count: Format.count(Int(v.rounded()))
        case .percent: Format.percent(v)
        case .number: Format.number(v, digits: 3)
        }
    }
}

private extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
