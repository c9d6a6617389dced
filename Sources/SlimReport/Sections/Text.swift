import SlimCharts

/// Number formatting shared by the report sections.
enum Text {
    static func count(_ v: Int) -> String { NumberText.compact(Double(v)) }
    /// "93.7%"; "–" when absent, `n/a` when not a finite number.
    static func percent(_ v: Double?) -> String {
        guard let v else { return "–" }
        return (v * 100).isFinite ? NumberText.fixed(v * 100, decimals: 1) + "%" : NumberText.notAvailable
    }
    static func bytes(_ v: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var x = Double(v), i = 0
        while x >= 1024, i < units.count - 1 { x /= 1024; i += 1 }
        return NumberText.fixed(x, decimals: i == 0 ? 0 : 1) + " " + units[i]
    }
    static func ms(_ v: Double) -> String { NumberText.shortest(v) + " ms" }
    /// "−62.3%" style change from `before` to `after`.
    static func change(_ before: Double, _ after: Double) -> String {
        guard before != 0 else { return "–" }
        let d = (after - before) / before * 100
        guard d.isFinite else { return NumberText.notAvailable }
        return (d < 0 ? "−" : "+") + NumberText.fixed(abs(d), decimals: 1) + "%"
    }
}
