/// Why a prune cannot be planned.
public enum PruningError: Error, Equatable, CustomStringConvertible {
    case ratioOutOfRange(Double)
    case minChannelsNegative(Int)
    case maxLayerRatioOutOfRange(Double)
    case nonFiniteGamma(layer: String, channel: Int)
    case noPrunableChannels
    case roundingMultipleTooSmall(Int)

    public var description: String {
        switch self {
        case let .ratioOutOfRange(r):
            return "prune ratio \(r) is outside [0, 1): give the fraction of remaining channels to remove, e.g. 0.5"
        case let .minChannelsNegative(n):
            return "min channels \(n) is negative: give 0 or more (default 1)"
        case let .maxLayerRatioOutOfRange(r):
            return "max layer ratio \(r) is outside [0, 1]: give the largest fraction of a layer one prune may remove, e.g. 0.5"
        case let .nonFiniteGamma(layer, channel):
            return "γ of \(layer) channel \(channel) is not finite: training diverged; lower the learning rate or λ and train again"
        case .noPrunableChannels:
            return "the network has no prunable BatchNorm channels"
        case let .roundingMultipleTooSmall(k):
            return "width multiple \(k) is too small: give 1 or more, e.g. 8"
        }
    }
}
