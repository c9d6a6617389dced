import SlimLog

/// Runs drawn as one entry of a comparison: runs whose configurations are equal except for
/// `seed`, or a single run. Every quantity is a `Spread` over the members (count 1 for a single
/// run), so tables and charts show a group as its mean with min–max and n.
public struct RunGroup: Sendable, Equatable {
    /// The members' common label (their longest common prefix, else the first member's).
    public var label: String
    /// Indices into the comparison's runs.
    public var members: [Int]
    public var seeds: [UInt64?]
    public var paramsSaved: Spread?
    public var flopsSaved: Spread?
    /// The first prune's global threshold.
    public var threshold: Spread?
    /// Share of pooled |γ| below 0.01 on the snapshot the first threshold was taken on.
    public var nearZeroShare: Spread?
    /// Test accuracy of the trained original network, right after the first prune, and at the end.
    public var accuracyTrained: Spread?
    public var accuracyPruned: Spread?
    public var accuracyFinal: Spread?
    public var finalParams: Spread?
    public var finalMACs: Spread?
    public var finalFLOPs: Spread?
    /// The members' verdicts on the first prune, distinct, in member order.
    public var verdicts: [SparsityVerdict.Level]
    /// Per pass (index = pass): mean and spread of parameters, FLOPs and final accuracy over
    /// the members that reached it.
    public var passes: [GroupPass]

    public var count: Int { members.count }
}

/// One pass of a group: the members' costs and accuracies at it.
public struct GroupPass: Sendable, Equatable {
    public var pass: Int
    public var params: Spread?
    public var flops: Spread?
    public var beforePrune: Spread?
    public var afterPrune: Spread?
    public var final: Spread?
}

extension RunComparison {
    /// Every run in one group: runs equal but for the seed together (first-seen order), each
    /// other run alone.
    static func groups(_ rows: [ComparedRun]) -> [RunGroup] {
        var keyed: [(config: RunConfig?, members: [Int])] = []
        for (i, row) in rows.enumerated() {
            var config = row.config
            config?.seed = nil
            if config != nil, let g = keyed.firstIndex(where: { $0.config == config }) {
                keyed[g].members.append(i)
            } else {
                keyed.append((config, [i]))
            }
        }
        return keyed.map { group(of: $0.members, rows: rows) }
    }

    private static func group(of members: [Int], rows: [ComparedRun]) -> RunGroup {
        let runs = members.map { rows[$0] }
        func spread(_ value: (ComparedRun) -> Double?) -> Spread? { Spread(runs.compactMap(value).filter(\.isFinite)) }
        let passCount = runs.map { ($0.passSummaries.last?.pass ?? -1) + 1 }.max() ?? 0
        let passes = (0..<passCount).map { k in
            let at = runs.compactMap { r in r.passSummaries.first { $0.pass == k } }
            return GroupPass(pass: k, params: Spread(at.map { Double($0.cost.params) }),
                             flops: Spread(at.map { Double($0.cost.flops) }),
                             beforePrune: Spread(at.compactMap(\.accuracy.beforePrune)),
                             afterPrune: Spread(at.compactMap(\.accuracy.afterPrune)),
                             final: Spread(at.compactMap(\.accuracy.final)))
        }
        var verdicts: [SparsityVerdict.Level] = []
        for v in runs.compactMap(\.verdict?.level) where !verdicts.contains(v) { verdicts.append(v) }
        return RunGroup(label: commonLabel(runs.map(\.label)), members: members, seeds: runs.map { $0.config?.seed },
                        paramsSaved: spread { $0.final?.fromOriginal.params.savedFraction },
                        flopsSaved: spread { $0.final?.fromOriginal.flops.savedFraction },
                        threshold: spread(\.threshold), nearZeroShare: spread(\.nearZeroShare),
                        accuracyTrained: spread { $0.original?.accuracy.beforePrune },
                        accuracyPruned: spread { $0.firstPrune?.accuracy.afterPrune },
                        accuracyFinal: spread { $0.final?.accuracy.final },
                        finalParams: spread { $0.final.map { Double($0.cost.params) } },
                        finalMACs: spread { $0.final.map { Double($0.cost.macs) } },
                        finalFLOPs: spread { $0.final.map { Double($0.cost.flops) } },
                        verdicts: verdicts, passes: passes)
    }

    /// The longest common prefix of `labels` without trailing separators ("λ=0 s1", "λ=0 s2"
    /// → "λ=0"); the first label when they share nothing readable.
    static func commonLabel(_ labels: [String]) -> String {
        guard var prefix = labels.first.map(Array.init) else { return "" }
        for label in labels.dropFirst() {
            let other = Array(label)
            var n = 0
            while n < min(prefix.count, other.count), prefix[n] == other[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        // Cut a half word ("λ=0 s" of "λ=0 s1", "λ=0 s2") back to the last separator.
        if labels.contains(where: { $0.count != prefix.count }), let cut = prefix.lastIndex(where: { Self.separators.contains($0) }) {
            prefix = Array(prefix[..<cut])
        }
        let trimmed = String(prefix).trimmingSeparators
        return trimmed.isEmpty ? labels[0] : trimmed
    }
}

extension RunComparison {
    /// Characters that end a word of a label.
    static let separators: Set<Character> = [" ", ",", "_", "/", "(", "·", ";", ":"]
}

private extension String {
    var trimmingSeparators: String {
        var s = Substring(self)
        while let c = s.last, RunComparison.separators.contains(c) || c == "-" { s = s.dropLast() }
        return String(s)
    }
}
