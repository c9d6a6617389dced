import SlimLog

/// Several runs side by side: layers aligned by name, widths, γ distributions, cost and
/// accuracy, and mean ± spread over runs that differ only by seed.
public struct RunComparison: Sendable {
    /// One label per run (the run name unless given).
    public var labels: [String]
    /// Prunable BN layers of all runs, aligned by name: the first run's order, then layers
    /// only later runs have.
    public var layers: [String]
    /// Where the original architectures differ (empty when they agree).
    public var architectureDifferences: [String]
    /// Per aligned layer: each run's original and final width (nil when the run lacks it).
    public var widths: [ComparedWidths]
    /// Per run: pooled |γ| statistics of the last snapshot before the first prune (or the last
    /// snapshot), against that prune's threshold.
    public var gamma: [GammaStatistics?]
    public var rows: [ComparedRun]
    /// Groups of at least two runs whose configurations differ only by seed.
    public var seedGroups: [SeedGroup]
    /// Every run in exactly one group: runs that differ only by seed together, the others alone.
    public var groups: [RunGroup]
    /// Test images behind each run's accuracies (nil when unknown), for its standard error.
    public var testImages: [Int?]

    public init(runs: [RunAnalysis], labels: [String]? = nil) {
        let labels = labels ?? runs.map(\.name)
        self.labels = labels
        let originals = runs.map { $0.architectures.first }
        var order: [String] = []
        var seen: Set<String> = []
        for a in originals.compactMap({ $0 }) {
            for bn in a.prunableBatchNorms where seen.insert(bn.name).inserted { order.append(bn.name) }
        }
        layers = order
        architectureDifferences = Self.differences(originals, labels: labels)
        let summaries = runs.map(\.passSummaries)
        widths = order.map { name in
            ComparedWidths(layer: name,
                           original: summaries.map { $0.first?.widths.first { $0.layer == name }?.width },
                           final: summaries.map { $0.last?.widths.first { $0.layer == name }?.width })
        }
        gamma = runs.map { run in
            let firstPrune = run.prunes.first?.pass ?? Int.max
            guard let snapshot = run.gammas.last(where: { $0.pass < firstPrune }) ?? run.gammas.last else { return nil }
            return run.statistics(of: snapshot, threshold: run.referenceThreshold(pass: snapshot.pass)).pooled
        }
        rows = zip(zip(runs, summaries), labels).map { pair, label in
            let (run, passes) = pair
            let verdict = run.sparsityVerdicts.first { !$0.planned }
            return ComparedRun(label: label, config: run.header?.config, passes: passes.count - 1,
                               original: passes.first, firstPrune: passes.first { $0.pass > 0 }, final: passes.last,
                               passSummaries: passes, threshold: run.prunes.first?.threshold,
                               verdict: verdict)
        }
        for i in rows.indices { rows[i].nearZeroShare = gamma[i]?.fractionBelow1e2 }
        seedGroups = Self.seedGroups(rows)
        groups = Self.groups(rows)
        testImages = runs.map(\.testImages)
    }

    private static func differences(_ archs: [Architecture?], labels: [String]) -> [String] {
        guard let reference = archs.first ?? nil else { return [] }
        var result: [String] = []
        for (a, label) in zip(archs, labels).dropFirst() {
            guard let a else { result.append("\(label): no architecture"); continue }
            let mine = Dictionary(a.layers.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
            let theirs = Dictionary(reference.layers.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
            let missing = reference.layers.filter { mine[$0.name] == nil }.map(\.name)
            let extra = a.layers.filter { theirs[$0.name] == nil }.map(\.name)
            if !missing.isEmpty { result.append("\(label) lacks layers of \(labels[0]): \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { result.append("\(label) has layers \(labels[0]) lacks: \(extra.joined(separator: ", "))") }
            for layer in a.layers {
                guard let r = theirs[layer.name] else { continue }
                if r.op != layer.op || r.inShape != layer.inShape || r.outShape != layer.outShape {
                    result.append("\(layer.name): \(Self.shapeText(r)) in \(labels[0]), \(Self.shapeText(layer)) in \(label)")
                }
            }
        }
        return result
    }

    private static func shapeText(_ l: Layer) -> String {
        "\(l.op) \(l.inShape.map(String.init).joined(separator: "×"))→\(l.outShape.map(String.init).joined(separator: "×"))"
    }

    private static func seedGroups(_ rows: [ComparedRun]) -> [SeedGroup] {
        var groups: [(config: RunConfig, members: [Int])] = []
        for (i, row) in rows.enumerated() {
            guard var config = row.config else { continue }
            config.seed = nil
            if let g = groups.firstIndex(where: { $0.config == config }) {
                groups[g].members.append(i)
            } else {
                groups.append((config, [i]))
            }
        }
        return groups.filter { $0.members.count > 1 }.map { group in
            let members = group.members.map { rows[$0] }
            return SeedGroup(labels: members.map(\.label),
                             seeds: members.map { $0.config?.seed },
                             finalAccuracy: Spread(members.compactMap { $0.final?.accuracy.final }),
                             finalParams: Spread(members.compactMap { $0.final.map { Double($0.cost.params) } }),
                             finalFLOPs: Spread(members.compactMap { $0.final.map { Double($0.cost.flops) } }))
        }
    }
}

/// One layer's widths across runs.
public struct ComparedWidths: Sendable, Equatable {
    public var layer: String
    public var original: [Int?]
    public var final: [Int?]
}

/// One run's headline numbers in a comparison.
public struct ComparedRun: Sendable, Equatable {
    public var label: String
    public var config: RunConfig?
    /// Prunes applied.
    public var passes: Int
    public var original: PassSummary?
    /// Pass 1: its accuracy right after the prune shows what pruning alone cost.
    public var firstPrune: PassSummary?
    public var final: PassSummary?
    /// Every pass, 0 = the original network.
    public var passSummaries: [PassSummary] = []
    /// The first prune's global threshold.
    public var threshold: Double?
    /// Share of pooled |γ| below 0.01 on the snapshot the first threshold was taken on.
    public var nearZeroShare: Double?
    /// The verdict on the first prune.
    public var verdict: SparsityVerdict?
}

/// Runs with the same configuration but for the seed.
public struct SeedGroup: Sendable, Equatable {
    public var labels: [String]
    public var seeds: [UInt64?]
    public var finalAccuracy: Spread?
    public var finalParams: Spread?
    /// 2 × MACs.
    public var finalFLOPs: Spread?
}
