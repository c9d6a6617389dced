import Foundation

/// Tick positions for a scale: major ticks (labelled) and minor ticks (log decades).
public struct Ticks: Sendable, Equatable {
    public var major: [Double]
    public var minor: [Double]
    /// Distance between linear major ticks (0 for log and band), which decides decimals.
    public var step: Double
    public init(major: [Double], minor: [Double] = [], step: Double = 0) {
        self.major = major; self.minor = minor; self.step = step
    }
}

/// Picks "nice" tick values: steps of 1, 2, 2.5 or 5 × 10ⁿ, decades on log axes.
public enum TickLocator {
    /// At most `maxCount` (≥ 2) major ticks for `scale`; on a linear scale only whole numbers
    /// when `wholeNumbers` is set.
    public static func ticks(for scale: Scale, maxCount: Int, wholeNumbers: Bool = false) -> Ticks {
        let maxCount = max(2, maxCount)
        switch scale {
        case .linear(let lo, let hi): return linear(lo, hi, maxCount: maxCount, wholeNumbers: wholeNumbers)
        case .log(let lo, let hi): return log(lo, hi, maxCount: maxCount)
        case .logWithZero(let lo, let hi):
            var ticks = log(lo, hi, maxCount: maxCount - 1)
            ticks.major.insert(0, at: 0)
            return ticks
        case .band(let categories, _):
            let k = Int((Double(categories.count) / Double(maxCount)).rounded(.up))
            return Ticks(major: stride(from: 0, to: categories.count, by: max(1, k)).map(Double.init), step: 1)
        }
    }

    /// The nice step ≥ `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let mag = pow(10, floor(log10(raw)))
        for m in [1, 2, 2.5, 5, 10] where m * mag >= raw * (1 - 1e-9) { return m * mag }
        return 10 * mag
    }

    /// At most `maxCount` ticks between `lo` and `hi`; with `wholeNumbers` the step is a whole
    /// number (1, 2, 5, 10, 20, 25 …), even when that leaves a single tick in a short range.
    public static func linear(_ lo: Double, _ hi: Double, maxCount: Int, wholeNumbers: Bool = false) -> Ticks {
        guard lo.isFinite, hi.isFinite, hi > lo else { return Ticks(major: lo.isFinite ? [lo] : []) }
        func nice(_ raw: Double) -> Double {
            var step = niceStep(wholeNumbers ? max(1, raw) : raw)
            while wholeNumbers, step != step.rounded() { step = niceStep(step * 1.01) }
            return step
        }
        var step = nice((hi - lo) / Double(maxCount - 1))
        var values = values(lo, hi, step)
        while values.count > maxCount {
            step = nice(step * 1.01)
            values = Self.values(lo, hi, step)
        }
        return Ticks(major: values, step: step)
    }

    private static func values(_ lo: Double, _ hi: Double, _ step: Double) -> [Double] {
        let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
        guard last >= first else { return [] }
        // Round away binary noise (0.6000000000000001) at a precision below the step.
        let scale = pow(10, max(0, 2 - floor(log10(step))))
        return stride(from: first, through: last, by: 1).map { k in
            let v = (k * step * scale).rounded() / scale
            return abs(v) < step * 1e-9 ? 0 : v
        }
    }

    public static func log(_ lo: Double, _ hi: Double, maxCount: Int) -> Ticks {
        guard lo > 0, hi > lo, hi.isFinite else { return Ticks(major: lo > 0 && lo.isFinite ? [lo] : []) }
        let a = Int(floor(log10(lo) + 1e-9)), b = Int(ceil(log10(hi) - 1e-9))
        let inRange = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        let decades = (a...b).map { pow(10, Double($0)) }.filter(inRange)
        if decades.count >= 2 {
            let every = Int((Double(decades.count) / Double(maxCount)).rounded(.up))
            let major = decades.enumerated().filter { $0.offset % every == 0 }.map(\.element)
            let minor: [Double] = every == 1
                ? (a...b).flatMap { e in (2...9).map { Double($0) * pow(10, Double(e)) } }.filter(inRange)
                : decades.filter { !major.contains($0) }
            return Ticks(major: major, minor: minor)
        }
        let oneTwoFive = (a...b).flatMap { e in [1.0, 2, 5].map { $0 * pow(10, Double(e)) } }.filter(inRange)
        if oneTwoFive.count >= 2 && oneTwoFive.count <= maxCount {
            let minor = (a...b).flatMap { e in [3.0, 4, 6, 7, 8, 9].map { $0 * pow(10, Double(e)) } }.filter(inRange)
            return Ticks(major: oneTwoFive, minor: minor)
        }
        // Less than a decade: linear ticks read better.
        return linear(lo, hi, maxCount: maxCount)
    }
}
