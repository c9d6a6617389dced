import SlimAnalysis
import SlimCharts
import SlimLog

/// The sparsity verdict of one prune in words: what the threshold removed and what it kept,
/// counted on the γ snapshot the threshold was taken on, and what the prune did to test
/// accuracy. It reads the γ against an absolute cut (|γ| < 0.01: driven to zero), so a
/// threshold that lies inside a large near-zero cluster is not mistaken for a poor separation.
struct PruneVerdict {
    /// |γ| below this counts as driven to zero by sparsity training.
    static let nearZero = 0.01

    let pass: Int
    /// No prune recorded yet: the configured ratio applied to the last snapshot.
    let planned: Bool
    let ratio: Double
    let threshold: Double
    let total: Int
    let removed: Int
    let removedNearZero: Int
    let keptNearZero: Int
    /// Kept channels with |γ| at most 10 % above the threshold.
    let keptWithinMargin: Int
    let keptMedian: Double
    let largestRemoved: Double
    /// Test accuracy right before and right after the prune, when recorded.
    let accuracy: (before: Double, after: Double)?

    /// One verdict per prune of `run` (and one for a planned prune), as `run.sparsityVerdicts`.
    /// A recorded prune splits each layer by its `kept` list, so the counts agree with the
    /// prune record; a planned one by the threshold.
    static func all(_ run: RunAnalysis) -> [PruneVerdict] {
        run.sparsityVerdicts.compactMap { v in
            let snapshot = v.planned ? run.gammas.last : run.gammas.last { $0.pass == v.pass - 1 }
            let prune = v.planned ? nil : run.prunes.first { $0.pass == v.pass }
            guard let snapshot else { return nil }
            var removed: [Double] = [], kept: [Double] = []
            for layer in run.prunableChannels(of: snapshot) {
                let keep = prune?.layers.first { $0.layer == layer.name }.map { Set($0.kept) }
                for (i, g) in layer.gammas.enumerated() where g.isFinite {
                    let m = Double(abs(g))
                    if keep.map({ $0.contains(i) }) ?? (m > v.threshold) { kept.append(m) } else { removed.append(m) }
                }
            }
            return PruneVerdict(v, removed: removed, kept: kept, prune: prune)
        }
    }

    /// The verdict `v` read on the |γ| of the channels its prune removed and kept.
    init(_ v: SparsityVerdict, removed gone: [Double], kept: [Double], prune: PruneRecord?) {
        pass = v.pass; planned = v.planned; ratio = v.ratio; threshold = v.threshold
        let kept = kept.sorted()
        total = gone.count + kept.count; removed = gone.count
        removedNearZero = gone.filter { $0 < Self.nearZero }.count
        keptNearZero = kept.filter { $0 < Self.nearZero }.count
        keptWithinMargin = kept.filter { $0 <= v.threshold * 1.1 }.count
        keptMedian = kept.isEmpty ? .nan : kept[(kept.count - 1) / 2]
        largestRemoved = gone.max() ?? 0
        if let b = prune?.accuracyBefore, let a = prune?.accuracyAfter { accuracy = (b, a) } else { accuracy = nil }
    }

    /// "Pass 1 prune (ratio 50.0%, threshold 8.67e−6): …" — the reading, its numbers, and
    /// the accuracy right after the prune.
    var sentence: String {
        let n = NumberText.shortest
        let head = planned ? "Next prune (pass \(pass), planned at ratio \(Text.percent(ratio)), threshold \(n(threshold, 3)))"
                           : "Pass \(pass) prune (ratio \(Text.percent(ratio)), threshold \(n(threshold, 3)))"
        let cut = n(Self.nearZero, 3)
        var text: String
        if removed > 0, removedNearZero == removed, keptNearZero == 0 {
            text = "separated. All \(removed) removed channels had |γ| below \(cut) and every kept channel is above it; "
                + "the kept median \(n(keptMedian, 3)) is \(times(keptMedian / threshold)) the threshold."
        } else if removed > 0, removedNearZero == removed {
            text = "sparse enough for this ratio. All \(removed) removed channels had |γ| below \(cut), and so had "
                + "\(keptNearZero) of the \(total - removed) kept ones: the threshold lies inside the near-zero cluster, "
                + "so a higher ratio would remove more channels that sparsity training has already driven to zero."
        } else {
            let share = removed == 0 ? 0 : Double(removedNearZero) / Double(removed)
            text = (share >= 0.5 ? "partly separated. " : "not separated. ")
                + "\(removedNearZero) of the \(removed) removed channels had |γ| below \(cut) (the largest removed had \(n(largestRemoved, 3))); "
                + "the kept median \(n(keptMedian, 3)) is \(times(keptMedian / threshold)) the threshold and \(keptWithinMargin == 1 ? "1 kept channel lies" : "\(keptWithinMargin) kept channels lie") "
                + "within 10% above it, so the threshold cuts through channels still in use."
        }
        if let a = accuracy { text += " Test accuracy right after the prune: \(Text.percent(a.before)) → \(Text.percent(a.after))." }
        return head + ": " + text
    }

    private func times(_ x: Double) -> String {
        guard x.isFinite else { return "infinitely far above" }
        return (x >= 100 ? NumberText.fixed(x, decimals: 0) : NumberText.shortest(x)) + "×"
    }
}
