/// Network Slimming's single global threshold: pool |γ| of every prunable BN channel, sort
/// ascending, and take the value at index ⌊N·p⌋. Channels with |γ| strictly above it are kept.
///
/// The index is computed as the reference code does (`int(total * percent)` in double
/// precision), so N = 1360 and p = 0.7 give 951, not 952.
public struct GlobalThreshold: Sendable, Equatable {
    /// The threshold on |γ|.
    public var value: Float
    /// ⌊N·p⌋ into the ascending sorted pooled |γ|.
    public var index: Int
    /// N: the number of pooled channels.
    public var totalChannels: Int
    /// p.
    public var ratio: Double

    /// Computes the threshold over the pooled |γ| of `layers`.
    public init(layers: [BNChannels], ratio: Double) throws(PruningError) {
        guard ratio >= 0, ratio < 1, ratio.isFinite else { throw .ratioOutOfRange(ratio) }
        var pooled: [Float] = []
        pooled.reserveCapacity(layers.reduce(0) { $0 + $1.gammas.count })
        for layer in layers {
            if let bad = layer.gammas.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteGamma(layer: layer.name, channel: bad)
            }
            pooled.append(contentsOf: layer.gammas.lazy.map { abs($0) })
        }
        guard !pooled.isEmpty else { throw .noPrunableChannels }
        pooled.sort()
        let index = Self.index(count: pooled.count, ratio: ratio)
        self.value = pooled[index]
        self.index = index
        self.totalChannels = pooled.count
        self.ratio = ratio
    }

    /// ⌊count·ratio⌋ in double precision, clamped to a valid index.
    public static func index(count: Int, ratio: Double) -> Int {
        min(max(Int(Double(count) * ratio), 0), max(count - 1, 0))
    }
}

/// The γ vector of one prunable BN layer.
public struct BNChannels: Sendable, Equatable {
    public var name: String
    public var gammas: [Float]
    public init(name: String, gammas: [Float]) { self.name = name; self.gammas = gammas }
}
