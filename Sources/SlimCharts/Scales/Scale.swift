import Foundation

/// How an axis maps data to position, as the chart author asks for it.
public enum ScaleSpec: Sendable {
    /// Linear. `domain` nil = from the data; `includeZero` widens the domain to 0.
    case linear(domain: ClosedRange<Double>? = nil, includeZero: Bool = false)
    /// Base-10 logarithmic. Values ≤ 0 cannot be placed: marks drop them and the scene
    /// notes how many; the automatic domain spans the positive data only. With `zeroBucket`
    /// the axis starts with a slot of its own, ticked "0", where zeros and values below the
    /// domain are placed instead (a histogram draws their count there as a bar).
    case log(domain: ClosedRange<Double>? = nil, zeroBucket: Bool = false)
    /// Categories, evenly spaced; marks address them by index (0, 1, 2 …).
    case band(categories: [String], padding: Double = 0.2)

    public static var linear: ScaleSpec { .linear() }
    public static var log: ScaleSpec { .log() }
}

/// A resolved scale: maps a data value to a fraction 0...1 of the axis length.
public enum Scale: Sendable {
    case linear(lower: Double, upper: Double)
    case log(lower: Double, upper: Double)
    /// A log scale whose first `zeroSlotShare` of the axis is a slot for 0 and everything
    /// below `lower`.
    case logWithZero(lower: Double, upper: Double)
    case band(categories: [String], padding: Double)

    /// The share of a `logWithZero` axis its zero slot takes.
    public static let zeroSlotShare = 0.1

    /// The fraction of the axis for `value`; NaN when the value cannot be placed
    /// (non-finite, or ≤ 0 on a log scale).
    public func fraction(_ value: Double) -> Double {
        guard value.isFinite else { return .nan }
        switch self {
        case .linear(let lo, let hi):
            return hi == lo ? 0.5 : (value - lo) / (hi - lo)
        case .log(let lo, let hi):
            guard value > 0 else { return .nan }
            let a = log10(lo), b = log10(hi)
            return b == a ? 0.5 : (log10(value) - a) / (b - a)
        case .logWithZero(let lo, let hi):
            let z = Self.zeroSlotShare
            guard value >= lo * (1 - 1e-9) else { return z / 2 }
            return z + (1 - z) * Scale.log(lower: lo, upper: hi).fraction(value)
        case .band(let categories, _):
            let n = Double(max(1, categories.count))
            return (value + 0.5) / n
        }
    }

    /// The fractions of the axis the zero slot spans (a `logWithZero` scale), with a gap on
    /// either side; nil for other scales.
    public var zeroSlot: ClosedRange<Double>? {
        guard case .logWithZero = self else { return nil }
        return Self.zeroSlotShare * 0.2...Self.zeroSlotShare * 0.8
    }

    /// Whether the scale is logarithmic (with or without a zero slot).
    public var isLog: Bool {
        switch self { case .log, .logWithZero: true; default: false }
    }

    /// Whether the scale is categorical.
    public var isBand: Bool { if case .band = self { return true } else { return false } }

    /// The fraction of the axis one category's bar occupies (band scales); 0 otherwise.
    public var bandWidth: Double {
        guard case .band(let categories, let padding) = self else { return 0 }
        return (1 - padding) / Double(max(1, categories.count))
    }

    /// The data range a continuous scale covers.
    public var domain: ClosedRange<Double> {
        switch self {
        case .linear(let lo, let hi), .log(let lo, let hi), .logWithZero(let lo, let hi): return lo...hi
        case .band(let c, _): return -0.5...(Double(max(1, c.count)) - 0.5)
        }
    }

    /// Whether `value` lies within the scale's domain (with a little rounding slack).
    public func covers(_ value: Double) -> Bool {
        let f = fraction(value)
        return f.isFinite && f >= -1e-9 && f <= 1 + 1e-9
    }
}

/// The data a mark spans along one axis, gathered before scales are resolved.
public struct Extent: Sendable {
    public var lower: Double = .infinity
    public var upper: Double = -.infinity
    /// Smallest positive value, for log domains.
    public var lowestPositive: Double = .infinity
    /// Bars and histograms start at zero: the domain must include it without padding below.
    public var anchorsZero = false
    /// Cells fill the plot edge to edge (heat maps): no padding.
    public var tight = false
    public var isEmpty: Bool { lower > upper }

    public init() {}

    public mutating func include(_ v: Double) {
        guard v.isFinite else { return }
        lower = min(lower, v); upper = max(upper, v)
        if v > 0 { lowestPositive = min(lowestPositive, v) }
    }

    public mutating func include<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { include(v) }
    }

    /// The extents of the (x, y) pairs where both values are finite.
    public static func pairs(_ x: [Double], _ y: [Double]) -> (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
            ex.include(x[i]); ey.include(y[i])
        }
        return (ex, ey)
    }

    public mutating func merge(_ other: Extent) {
        lower = min(lower, other.lower); upper = max(upper, other.upper)
        lowestPositive = min(lowestPositive, other.lowestPositive)
        anchorsZero = anchorsZero || other.anchorsZero
        tight = tight || other.tight
    }
}

extension ScaleSpec {
    /// The resolved scale for data spanning `extent`; `padding` is the fraction of the span
    /// added on each open side so marks do not sit on the frame.
    public func resolve(_ extent: Extent, padding: Double = 0.04) -> Scale {
        switch self {
        case .band(let categories, let pad):
            return .band(categories: categories, padding: pad)
        case .log(let domain, true):
            guard case .log(let lo, let hi) = ScaleSpec.log(domain: domain).resolve(extent, padding: padding) else {
                return .logWithZero(lower: 1, upper: 10)
            }
            return .logWithZero(lower: lo, upper: hi)
        case .log(let domain, false):
            if let domain, domain.lowerBound > 0 { return .log(lower: domain.lowerBound, upper: domain.upperBound) }
            guard extent.lowestPositive.isFinite else { return .log(lower: 1, upper: 10) }
            var lo = extent.lowestPositive, hi = max(extent.upper, lo)
            if hi == lo { lo /= 2; hi *= 2 }
            let span = log10(hi) - log10(lo)
            let pad = extent.tight ? 0 : span * padding
            // Bars grow from the bottom: leave room below the smallest so it still shows.
            let below = extent.anchorsZero ? log10(2) : pad
            return .log(lower: pow(10, log10(lo) - below), upper: pow(10, log10(hi) + pad))
        case .linear(let domain, let includeZero):
            if let domain { return .linear(lower: domain.lowerBound, upper: domain.upperBound) }
            var e = extent
            if e.isEmpty { return .linear(lower: 0, upper: 1) }
            if includeZero || e.anchorsZero { e.include(0) }
            var lo = e.lower, hi = e.upper
            if lo == hi {
                let d = lo == 0 ? 1 : abs(lo) * 0.1
                return .linear(lower: lo - d, upper: hi + d)
            }
            let d = e.tight ? 0 : (hi - lo) * padding
            if !(e.anchorsZero && lo == 0) { lo -= d }
            if !(e.anchorsZero && hi == 0) { hi += d }
            return .linear(lower: lo, upper: hi)
        }
    }
}
