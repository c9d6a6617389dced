import SlimLog
import SlimPruning

/// Did sparsity training separate the |γ| distribution enough for the chosen ratio?
///
/// Judged on the snapshot right before a prune: how far the threshold lies below the kept
/// channels (`separation` = median kept |γ| / threshold) and how many kept channels lie less
/// than 10 % above it, so that a slightly higher threshold would remove them (`marginFraction`
/// of all channels). `separated`: separation ≥ 10 and margin ≤ 10 %; `marginal`: separation ≥ 3;
/// otherwise `insufficient`. Channels just below the threshold do not count
/// against it: a cluster of near-zero γ at the threshold is the separation working.
public struct SparsityVerdict: Sendable, Equatable {
    public enum Level: String, Sendable, Equatable {
        case separated, marginal, insufficient
    }

    /// The prune this judges (k), or the next one when `planned`.
    public var pass: Int
    /// True when no prune was recorded yet and the configured ratio was applied to the last snapshot.
    public var planned: Bool
    public var ratio: Double
    public var threshold: Double
    /// N: pooled prunable channels.
    public var totalChannels: Int
    /// Channels the threshold removes (|γ| ≤ threshold).
    public var prunedChannels: Int
    public var prunedMedian: Double
    public var keptMedian: Double
    /// keptMedian / threshold (infinite for a zero threshold).
    public var separation: Double
    /// Channels within ±10 % of the threshold, on either side.
    public var within10Percent: Int
    /// Kept channels with |γ| ≤ 1.1 × threshold.
    public var keptWithin10Percent: Int
    /// keptWithin10Percent / N.
    public var marginFraction: Double
    /// Fraction of the removed channels whose |γ| < 1e-2: how close to zero they were driven.
    public var prunedBelow1e2: Double
    public var level: Level

    init(pass: Int, planned: Bool, ratio: Double, threshold: Double, sorted a: [Float]) {
        self.pass = pass; self.planned = planned; self.ratio = ratio; self.threshold = threshold
        totalChannels = a.count
        prunedChannels = a.countAtOrBelow(Float(threshold))
        let pruned = a[..<prunedChannels], kept = a[prunedChannels...]
        func median(_ s: ArraySlice<Float>) -> Double {
            guard !s.isEmpty else { return .nan }
            let mid = s.startIndex + (s.count - 1) / 2
            return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid]) + Double(s[mid + 1])) / 2
        }
        prunedMedian = median(pruned)
        keptMedian = median(kept)
        separation = threshold > 0 ? keptMedian / threshold : .infinity
        within10Percent = a.countWithin(10, percentOf: threshold)
        keptWithin10Percent = a.countAtOrBelow(Float(threshold * 1.1)) - prunedChannels
        marginFraction = a.isEmpty ? 0 : Double(keptWithin10Percent) / Double(a.count)
        prunedBelow1e2 = prunedChannels == 0 ? 0 : Double(pruned.prefix { $0 < 1e-2 }.count) / Double(prunedChannels)
        if separation >= 10, marginFraction <= 0.10 {
            level = .separated
        } else if separation >= 3 {
            level = .marginal
        } else {
            level = .insufficient
        }
    }

    /// One sentence with the numbers behind the verdict.
    public var explanation: String {
        let sep = separation.isFinite ? Format.number(separation, digits: 3) + "×" : "infinitely far"
        return "\(level.rawValue): the kept channels' median |γ| \(Format.number(keptMedian, digits: 3)) is \(sep) the threshold \(Format.number(threshold, digits: 3)); "
            + "\(keptWithin10Percent) of \(totalChannels) channels (\(Format.percent(marginFraction))) are kept by less than 10 % above it; "
            + "\(Format.percent(prunedBelow1e2)) of the \(prunedChannels) removed channels have |γ| < 1e-2"
    }
}

extension RunAnalysis {
    /// A verdict for every recorded prune, plus a planned one when the configured ratio has
    /// not been applied to the last pass yet.
    public var sparsityVerdicts: [SparsityVerdict] {
        var result: [SparsityVerdict] = []
        for prune in prunes {
            guard let snapshot = gammas.last(where: { $0.pass == prune.pass - 1 }) else { continue }
            result.append(SparsityVerdict(pass: prune.pass, planned: false, ratio: prune.ratio,
                                          threshold: prune.threshold, sorted: pooledMagnitudes(snapshot)))
        }
        if let ratio = header?.config.pruneRatio, let last = gammas.last,
           !prunes.contains(where: { $0.pass == last.pass + 1 }),
           header?.config.passes.map({ last.pass < $0 }) ?? true,
           let t = try? GlobalThreshold(layers: prunableChannels(of: last), ratio: ratio) {
            result.append(SparsityVerdict(pass: last.pass + 1, planned: true, ratio: ratio,
                                          threshold: Double(t.value), sorted: pooledMagnitudes(last)))
        }
        return result
    }

    private func pooledMagnitudes(_ snapshot: GammaSnapshot) -> [Float] {
        var pooled = prunableChannels(of: snapshot).flatMap { $0.gammas.lazy.filter(\.isFinite).map { abs($0) } }
        pooled.sort()
        return pooled
    }
}
