/// Limits on what one prune may do to a single layer. The reference code can empty a layer
/// and then crash building it; the guard keeps the channels with the largest |γ| instead.
public struct CollapseGuard: Sendable, Equatable {
    /// Every layer keeps at least this many channels (or all it has, when fewer).
    public var minChannels: Int
    /// When set, one prune removes at most this fraction of a layer's channels
    /// (the paper capped layers at 0.5 per pass in its multi-pass runs).
    public var maxLayerRatio: Double?

    public init(minChannels: Int = 1, maxLayerRatio: Double? = nil) throws(PruningError) {
        guard minChannels >= 0 else { throw .minChannelsNegative(minChannels) }
        if let r = maxLayerRatio, !(r >= 0 && r <= 1) { throw .maxLayerRatioOutOfRange(r) }
        self.minChannels = minChannels
        self.maxLayerRatio = maxLayerRatio
    }

    /// The rule that changed a layer's outcome.
    public enum Rule: String, Sendable, Equatable {
        case minChannels = "min_channels"
        case maxLayerRatio = "max_layer_ratio"
    }

    /// The smallest number of channels a layer of `width` channels may keep.
    func floor(width: Int) -> (count: Int, rule: Rule) {
        let byMin = min(minChannels, width)
        guard let r = maxLayerRatio else { return (byMin, .minChannels) }
        // At most ⌊width·r⌋ removed.
        let byRatio = width - Int(Double(width) * r)
        return byRatio > byMin ? (byRatio, .maxLayerRatio) : (byMin, .minChannels)
    }
}
