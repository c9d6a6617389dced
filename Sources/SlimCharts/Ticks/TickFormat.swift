import Foundation

/// How tick values become labels. Separate from where ticks go (`TickLocator`).
public enum TickFormat: Sendable {
    /// Chooses per axis: plain decimals for everyday ranges, compact SI (1.2M) from a million,
    /// scientific (2e-5) for tiny values, powers of ten (10⁻³) on wide log axes.
    case automatic
    /// Exactly `decimals` digits after the point.
    case fixed(decimals: Int)
    /// Fractions shown as percentages (0.25 → 25%), with at least `decimals` digits and as
    /// many more as the tick step needs (steps of 2.5 % label 97.5%, not a rounded 98%).
    case percent(decimals: Int = 0)
    /// SI suffixes: 1.2k, 3.4M, 7.97G.
    case compact
    /// Mantissa and exponent: 7.97e8.
    case scientific
    /// The caller's own formatter.
    case custom(@Sendable (Double) -> String)

    /// Labels for all major ticks of an axis.
    public func labels(for ticks: Ticks, scale: Scale) -> [String] {
        switch self {
        case .automatic: return TickFormat.automaticLabels(ticks, scale: scale)
        case .fixed(let d): return ticks.major.map { NumberText.fixed($0, decimals: d) }
        case .percent(let d):
            let digits = ticks.step > 0 ? max(d, Self.decimals(step: ticks.step * 100)) : d
            return ticks.major.map { ($0 * 100).isFinite ? NumberText.fixed($0 * 100, decimals: digits) + "%" : NumberText.notAvailable }
        case .compact: return ticks.major.map { NumberText.compact($0) }
        case .scientific: return ticks.major.map { NumberText.scientific($0) }
        case .custom(let f): return ticks.major.map(f)
        }
    }

    /// One value in this format with enough digits to be exact for a reader (hover hints):
    /// a band axis gives its category's name.
    public func exact(_ v: Double, band scale: Scale) -> String {
        if case .band(let categories, _) = scale {
            let i = Int(v.rounded())
            return categories.indices.contains(i) ? categories[i] : NumberText.shortest(v, digits: 6)
        }
        switch self {
        case .percent: return NumberText.shortest(v * 100, digits: 4) + "%"
        case .custom(let f): return f(v)
        default: return NumberText.shortest(v, digits: 6)
        }
    }

    private static func automaticLabels(_ ticks: Ticks, scale: Scale) -> [String] {
        let values = ticks.major
        let largest = values.map(abs).max() ?? 0
        if scale.isLog, ticks.step == 0, values.contains(0) {
            // The zero slot of a log axis is "0"; the decades beside it read as without it.
            var rest = ticks
            rest.major.removeAll { $0 == 0 }
            var labels = automaticLabels(rest, scale: scale).makeIterator()
            return values.map { $0 == 0 ? "0" : labels.next() ?? "" }
        }
        if scale.isLog, ticks.step == 0 {
            let smallest = values.filter { $0 > 0 }.min() ?? 1
            if smallest >= 1e-2 && largest <= 1e4 { return values.map { NumberText.shortest($0) } }
            if values.allSatisfy(isDecade) { return values.map { NumberText.powerOfTen($0) } }
            return values.map { smallest >= 1 ? NumberText.compact($0) : NumberText.scientific($0) }
        }
        // Lone values (bar and cell labels) have no step: three significant digits.
        if ticks.step == 0 { return values.map { abs($0) >= 1e4 ? NumberText.compact($0) : NumberText.shortest($0) } }
        if largest >= 1e6 { return values.map { NumberText.compact($0) } }
        if largest > 0 && largest < 1e-3 { return values.map { NumberText.scientific($0) } }
        let digits = decimals(step: ticks.step > 0 ? ticks.step : 1)
        return values.map { NumberText.fixed($0, decimals: digits) }
    }

    /// Digits after the point that tell ticks `step` apart: 0.1 → 1, 2.5 → 1, 0.25 → 2, 20 → 0.
    /// Total: a step that is not a positive finite number needs no digits, a tiny one at most 20.
    private static func decimals(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        return min(20, max(0, Int(ceil(-log10(step) - 1e-9)) + (isHalfStep(step) ? 1 : 0)))
    }

    private static func isDecade(_ v: Double) -> Bool {
        guard v > 0, v.isFinite else { return false }
        let e = log10(v)
        return abs(e - e.rounded()) < 1e-9
    }

    /// Steps like 2.5 or 0.25 need one more digit than their magnitude suggests.
    private static func isHalfStep(_ step: Double) -> Bool {
        let m = step / pow(10, floor(log10(step)))
        return abs(m - 2.5) < 1e-6
    }
}

/// Number-to-text conversions shared by tick labels, data labels and legends. Total over
/// `Double`: NaN and ±∞ (which logs may hold) read `n/a`, and no magnitude traps.
public enum NumberText {
    /// What every conversion prints for NaN and ±∞.
    public static let notAvailable = "n/a"

    /// A typographic minus for negative numbers, as in good plotting libraries.
    static func signed(_ s: String) -> String { s.hasPrefix("-") ? "−" + s.dropFirst() : s }

    /// `decimals` digits after the point (at most 20); from 10¹⁵ on, scientific.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return notAvailable }
        guard abs(v) < 1e15 else { return scientific(v) }
        let s = String(format: "%.\(min(20, max(0, decimals)))f", v)
        let zero = Double(s) == 0
        return zero ? s.replacingOccurrences(of: "-", with: "") : signed(s)
    }

    /// Up to `digits` significant digits, trailing zeros removed.
    public static func shortest(_ v: Double, digits: Int = 3) -> String {
        guard v.isFinite else { return notAvailable }
        if v == 0 { return "0" }
        let digits = min(17, max(1, digits))
        let magnitude = Int(floor(log10(abs(v))))
        guard magnitude >= -4 && magnitude < 15 else { return scientific(v, digits: digits) }
        let decimals = max(0, digits - 1 - magnitude)
        var s = String(format: "%.\(decimals)f", (v * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals)))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return signed(s)
    }

    /// SI suffixes for thousands and up (1.2k, 3.4M, 7.97G, 1.5T); plain below a thousand.
    public static func compact(_ v: Double, digits: Int = 3) -> String {
        let a = abs(v)
        for (limit, suffix) in [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")] where a >= limit {
            return a < 1e15 ? shortest(v / limit, digits: digits) + suffix : scientific(v, digits: digits)
        }
        return shortest(v, digits: digits)
    }

    /// `7.97e8`, `2e-5`: mantissa with up to `digits` significant digits.
    public static func scientific(_ v: Double, digits: Int = 3) -> String {
        guard v.isFinite else { return notAvailable }
        if v == 0 { return "0" }
        // printf rounds the mantissa and carries into the exponent (9.996e8 → 1.00e+09), over
        // the whole range including subnormals.
        let text = String(format: "%.\(min(16, max(0, digits - 1)))e", v)
        guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else { return text }
        var mantissa = String(text[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return signed(mantissa) + "e" + signed(String(exponent))
    }

    /// `10³`, `10⁻⁴` with Unicode superscripts; `n/a` for values that are not positive.
    public static func powerOfTen(_ v: Double) -> String {
        guard v > 0, v.isFinite else { return notAvailable }
        let e = Int(log10(v).rounded())
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴",
                                              "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(e).map { digits[$0] ?? $0 })
    }
}
