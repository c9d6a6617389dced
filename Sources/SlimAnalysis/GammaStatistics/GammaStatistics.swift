/// The distribution of |γ| of one BN layer, or of all prunable layers pooled, at one moment.
public struct GammaStatistics: Sendable, Equatable {
    /// Finite values counted.
    public var count: Int
    /// NaN or infinite γ (a diverged run), left out of every other figure.
    public var nonFinite: Int
    public var min: Double
    public var p05: Double
    public var p25: Double
    public var median: Double
    public var p75: Double
    public var p95: Double
    public var max: Double
    public var mean: Double
    /// Fraction of channels with |γ| < 1e-2 and < 1e-3.
    public var fractionBelow1e2: Double
    public var fractionBelow1e3: Double
    /// The global threshold these margins refer to (nil when the run has none).
    public var threshold: Double?
    /// Fraction of channels with |γ| ≤ threshold: what the threshold removes.
    public var fractionAtOrBelowThreshold: Double?
    /// Channels with |γ| within ±5 % and ±10 % of the threshold: a large count means a small
    /// change of training would change the pruned set.
    public var within5Percent: Int?
    public var within10Percent: Int?

    /// Statistics of `gammas` (signed or not; magnitudes are taken).
    public init(gammas: some Sequence<Float>, threshold: Double?) {
        var sorted: [Float] = []
        var bad = 0
        for g in gammas { if g.isFinite { sorted.append(abs(g)) } else { bad += 1 } }
        sorted.sort()
        self.init(sortedMagnitudes: sorted, nonFinite: bad, threshold: threshold)
    }

    /// Statistics of magnitudes already sorted ascending and finite.
    init(sortedMagnitudes a: [Float], nonFinite: Int, threshold: Double?) {
        count = a.count
        self.nonFinite = nonFinite
        func q(_ p: Double) -> Double {
            guard !a.isEmpty else { return .nan }
            let position = p * Double(a.count - 1)
            let lo = Int(position), hi = Swift.min(lo + 1, a.count - 1)
            return Double(a[lo]) + (Double(a[hi]) - Double(a[lo])) * (position - Double(lo))
        }
        func fraction(_ n: Int) -> Double { a.isEmpty ? 0 : Double(n) / Double(a.count) }
        min = q(0); p05 = q(0.05); p25 = q(0.25); median = q(0.5); p75 = q(0.75); p95 = q(0.95); max = q(1)
        mean = a.isEmpty ? .nan : a.reduce(0.0) { $0 + Double($1) } / Double(a.count)
        fractionBelow1e2 = fraction(a.countBelow(1e-2))
        fractionBelow1e3 = fraction(a.countBelow(1e-3))
        self.threshold = threshold
        if let t = threshold {
            fractionAtOrBelowThreshold = fraction(a.countAtOrBelow(Float(t)))
            within5Percent = a.countWithin(5, percentOf: t)
            within10Percent = a.countWithin(10, percentOf: t)
        }
    }
}

// γ are Float and a threshold is one of them, so comparisons happen in Float: a threshold read
// back as the Double 0.3 must still equal the γ 0.3 it came from.
extension [Float] {
    /// Elements < `value` of an ascending array.
    func countBelow(_ value: Float) -> Int { partitionPoint { $0 >= value } }
    /// Elements ≤ `value` of an ascending array.
    func countAtOrBelow(_ value: Float) -> Int { partitionPoint { $0 > value } }
    /// Elements within ±`percent` % of `threshold` of an ascending array.
    func countWithin(_ percent: Double, percentOf threshold: Double) -> Int {
        countAtOrBelow(Float(threshold * (1 + percent / 100))) - countBelow(Float(threshold * (1 - percent / 100)))
    }

    private func partitionPoint(_ isAfter: (Float) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
