import Foundation

/// How numbers are shown in text and Markdown outputs (JSON and CSV keep full precision).
public enum Format {
    /// What text and Markdown outputs print for NaN and ±∞ (a log may hold them).
    public static let notAvailable = "n/a"

    /// `digits` significant digits, e.g. 0.0123, 45.2, 1e-05; whole numbers below a million
    /// that need more digits are shown whole (1198, not 1.2e+03); `n/a` for NaN and ±∞.
    public static func number(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return notAvailable }
        let text = String(format: "%.\(digits)g", x)
        if text.contains("e+") && abs(x) < 1e6 { return String(format: "%.0f", x) }
        return Self.shortExponent(text)
    }

    /// "8.38e-06" → "8.38e-6", "2.5e+07" → "2.5e7": the exponent without sign padding.
    static func shortExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        return text[..<e] + "e\(exponent)"
    }

    /// A fraction as a percentage with one decimal, e.g. `93.7 %`.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let f = fraction else { return "–" }
        guard (f * 100).isFinite else { return notAvailable }
        return String(format: "%.\(decimals)f %%", f * 100)
    }

    /// A difference of two fractions in percentage points with its sign: `+0.3 points`, `−45.9 points`.
    public static func signedPoints(_ difference: Double) -> String {
        guard difference.isFinite else { return number(difference) }
        let text = String(format: "%.1f", abs(difference) * 100)
        return (text == "0.0" ? "±" : difference < 0 ? "−" : "+") + text + " points"
    }

    /// A relative change from `before` to `after` with its sign: `−62.3 %`, `+4.0 %` (– when `before` is 0).
    public static func change(_ before: Double, _ after: Double) -> String {
        guard before != 0, before.isFinite, after.isFinite else { return "–" }
        let d = (after - before) / before
        return (d < 0 ? "−" : "+") + percent(abs(d))
    }

    /// A count with a metric suffix: 950, 12.3K, 20.04M, 1.23G.
    public static func count(_ n: Int) -> String {
        let x = Double(n)
        switch abs(x) {
        case ..<1e3: return String(n)
        case ..<1e6: return String(format: "%.1fK", x / 1e3)
        case ..<1e9: return String(format: "%.2fM", x / 1e6)
        default: return String(format: "%.2fG", x / 1e9)
        }
    }

    /// Scientific notation with three significant digits, e.g. `7.96e8`.
    public static func scientific(_ x: Double) -> String {
        guard x != 0 else { return "0" }
        guard x.isFinite else { return number(x) }
        return shortExponent(String(format: "%.2e", x)) // 7.96e+08 → 7.96e8
    }

    /// Bytes in powers of 1024: 512 B, 78.3 KiB, 76.4 MiB.
    public static func bytes(_ n: Int) -> String {
        let x = Double(n)
        switch x {
        case ..<1024: return "\(n) B"
        case ..<(1024 * 1024): return String(format: "%.1f KiB", x / 1024)
        case ..<(1024 * 1024 * 1024): return String(format: "%.1f MiB", x / 1024 / 1024)
        default: return String(format: "%.2f GiB", x / 1024 / 1024 / 1024)
        }
    }

    /// Milliseconds with three significant digits.
    public static func milliseconds(_ x: Double) -> String { x.isFinite ? number(x, digits: 3) + " ms" : notAvailable }

    /// A whole number with thousands separators, exact: `20,035,018`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
