import SlimLog
import SlimPruning

/// Did sparsity training drive the channels a prune removes to zero, and only those?
///
/// Judged on the γ snapshot the prune's threshold was taken on (the last one before it),
/// split into removed and kept channels by the prune record's `kept` lists, so the counts agree
/// with the pruning pattern even where the collapse guard kept a channel below the threshold;
/// a planned prune is split by the threshold (kept: |γ| strictly above it). |γ| below
/// `nearZero` counts as driven to zero, so a threshold that lies inside a large near-zero
/// cluster is not mistaken for a poor separation.
public struct SparsityVerdict: Sendable, Equatable {
    /// |γ| below this counts as driven to zero by sparsity training.
    public static let nearZero = 0.01

    public enum Level: String, Sendable, Equatable {
        /// Every removed channel is near zero and every kept one above.
        case separated
        /// Every removed channel is near zero, and so are some kept ones: the threshold lies
        /// inside the near-zero cluster, a higher ratio would remove more such channels.
        case sparseEnough = "sparse_enough"
        /// At least half the removed channels are near zero.
        case partlySeparated = "partly_separated"
        /// Fewer (or none removed): the threshold cuts through channels still in use.
        case notSeparated = "not_separated"

        /// The level in words, e.g. `sparse enough for this ratio`.
        public var label: String {
            switch self {
            case .separated: "separated"
            case .sparseEnough: "sparse enough for this ratio"
            case .partlySeparated: "partly separated"
            case .notSeparated: "not separated"
            }
        }
    }

    /// The prune this judges (k), or the next one when `planned`.
    public var pass: Int
    /// True when no prune was recorded yet and the configured ratio was applied to the last snapshot.
    public var planned: Bool
    /// The prune ratio p.
    public var ratio: Double
    /// The global threshold on |γ| (recorded, or computed for a planned prune).
    public var threshold: Double
    /// Channels the prune removed (finite γ only).
    public var removedChannels: Int
    /// Channels the prune kept (finite γ only).
    public var keptChannels: Int
    /// Removed channels with |γ| < `nearZero`.
    public var removedNearZero: Int
    /// Kept channels with |γ| < `nearZero`.
    public var keptNearZero: Int
    /// The largest removed |γ| (0 when nothing was removed).
    public var largestRemoved: Double
    /// Median |γ| of the kept channels (NaN when none is kept).
    public var keptMedian: Double
    /// Kept channels with |γ| ≤ 1.1 × threshold: a slightly higher threshold would remove them.
    public var keptWithin10Percent: Int
    /// Test accuracy right before the prune (nil when planned or not recorded).
    public var accuracyBefore: Double?
    /// Test accuracy right after the prune, before fine-tuning (nil when planned or not recorded).
    public var accuracyAfter: Double?
    /// The judgement.
    public var level: Level

    /// The verdict on the |γ| of the channels a prune removed and kept.
    public init(pass: Int, planned: Bool, ratio: Double, threshold: Double, removed: [Float], kept: [Float],
                accuracyBefore: Double? = nil, accuracyAfter: Double? = nil) {
        self.pass = pass; self.planned = planned; self.ratio = ratio; self.threshold = threshold
        self.accuracyBefore = accuracyBefore; self.accuracyAfter = accuracyAfter
        let gone = removed.filter(\.isFinite).map { abs($0) }
        let kept = kept.filter(\.isFinite).map { abs($0) }.sorted()
        removedChannels = gone.count
        keptChannels = kept.count
        removedNearZero = gone.count(where: { $0 < Float(Self.nearZero) })
        keptNearZero = kept.countBelow(Float(Self.nearZero))
        largestRemoved = Double(gone.max() ?? 0)
        keptMedian = kept.isEmpty ? .nan : Double(kept[(kept.count - 1) / 2])
        // A threshold that is not a number has no channels near it.
        keptWithin10Percent = threshold.isNaN ? 0 : kept.countAtOrBelow(Float(threshold * 1.1))
        if removedChannels > 0, removedNearZero == removedChannels {
            level = keptNearZero == 0 ? .separated : .sparseEnough
        } else if removedChannels > 0, 2 * removedNearZero >= removedChannels {
            level = .partlySeparated
        } else {
            level = .notSeparated
        }
    }

    /// Removed and kept channels.
    public var totalChannels: Int { removedChannels + keptChannels }
    /// keptMedian / threshold (infinite for a zero threshold; NaN when nothing is kept or the
    /// threshold is not a finite number).
    public var separation: Double {
        guard !keptMedian.isNaN, threshold.isFinite else { return .nan }
        return threshold > 0 ? keptMedian / threshold : .infinity
    }

    /// The level and the numbers behind it, as `slim-report summary` prints them.
    public var explanation: String {
        let sep = separation.isNaN ? "not comparable with the threshold"
            : separation.isFinite ? Format.number(separation, digits: 3) + "× the threshold" : "infinitely far above the threshold"
        let keptPart = keptChannels == 0 ? "no channel was kept"
            : "the kept median |γ| \(Format.number(keptMedian, digits: 3)) is \(sep) \(Format.number(threshold, digits: 3)) "
                + "and \(keptWithin10Percent) kept channels lie within 10 % above it"
        var text = "\(level.label): \(removedNearZero) of the \(removedChannels) removed channels and \(keptNearZero) of the "
            + "\(keptChannels) kept ones had |γ| < \(Format.number(Self.nearZero)) (the largest removed \(Format.number(largestRemoved, digits: 3))); "
            + keptPart
        if let b = accuracyBefore, let a = accuracyAfter {
            text += "; test accuracy \(Format.percent(b)) right before the prune, \(Format.percent(a)) right after"
        }
        return text
    }
}

extension RunAnalysis {
    /// A verdict for every recorded prune, plus a planned one when the configured ratio has
    /// not been applied to the last pass yet.
    public var sparsityVerdicts: [SparsityVerdict] {
        var result: [SparsityVerdict] = []
        for prune in prunes {
            guard let snapshot = gammas.last(where: { $0.pass == prune.pass - 1 }) else { continue }
            let kept = Dictionary(prune.layers.map { ($0.layer, Set($0.kept)) }, uniquingKeysWith: { a, _ in a })
            let (removed, survivors) = split(snapshot, threshold: prune.threshold, kept: kept)
            result.append(SparsityVerdict(pass: prune.pass, planned: false, ratio: prune.ratio, threshold: prune.threshold,
                                          removed: removed, kept: survivors,
                                          accuracyBefore: prune.accuracyBefore, accuracyAfter: prune.accuracyAfter))
        }
        if let last = gammas.last, let (snapshot, t) = plannedPrune(after: last.pass) {
            let (removed, survivors) = split(snapshot, threshold: Double(t.value), kept: [:])
            result.append(SparsityVerdict(pass: last.pass + 1, planned: true, ratio: t.ratio, threshold: Double(t.value),
                                          removed: removed, kept: survivors))
        }
        return result
    }

    /// The prunable |γ| of `snapshot`, split by the `kept` channel indices of each layer; a
    /// layer without a list is split by the rule (kept: |γ| strictly above `threshold`).
    private func split(_ snapshot: GammaSnapshot, threshold: Double,
                       kept: [String: Set<Int>]) -> (removed: [Float], kept: [Float]) {
        var removed: [Float] = [], survivors: [Float] = []
        for layer in prunableChannels(of: snapshot) {
            let keep = kept[layer.name]
            for (i, g) in layer.gammas.enumerated() {
                if keep?.contains(i) ?? (abs(g) > Float(threshold)) { survivors.append(g) } else { removed.append(g) }
            }
        }
        return (removed, survivors)
    }
}
