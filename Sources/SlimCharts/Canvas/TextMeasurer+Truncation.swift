extension TextMeasurer {
    /// Characters of one label that are ever measured: no font is narrow enough to fit more
    /// on a page, so longer text (a 100 KB layer name) is cut to this many, head…tail, before
    /// it is measured or laid out. Keeps layout time linear in the length of the text.
    public static let longestLabel = 240

    /// `string` cut with an ellipsis to fit `width` in `font`: `headShare` of the kept
    /// characters before the "…" and the rest after it (1 keeps the start only). A binary search
    /// over the number of characters kept: O(log n) measurements of at most `longestLabel`
    /// characters each. Returns `string` itself when it fits.
    /// `string`, or its first and last `longestLabel / 2` characters around an ellipsis
    /// when it is longer than `longestLabel`.
    public static func capped(_ string: String) -> String {
        guard string.count > longestLabel else { return string }
        return String(string.prefix(longestLabel / 2)) + "…" + String(string.suffix(longestLabel / 2))
    }

    public func truncated(_ string: String, width: Double, font: Font, headShare: Double = 0.5) -> String {
        let chars = Array(string)
        func cut(_ keep: Int) -> String {
            let head = headShare >= 1 || keep == 1 ? keep : min(keep - 1, max(1, Int((Double(keep) * headShare).rounded(.up))))
            return String(chars.prefix(head)) + "…" + String(chars.suffix(keep - head))
        }
        func fits(_ s: String) -> Bool { measure(s, font: font).width <= width }
        if chars.count <= Self.longestLabel, fits(string) { return string }
        // Largest number of kept characters whose cut fits; 1 when none does.
        var low = 1, high = min(chars.count - 1, Self.longestLabel)
        guard high >= 1 else { return string }
        if fits(cut(high)) { return cut(high) }
        while high - low > 1 {
            let mid = (low + high) / 2
            if fits(cut(mid)) { low = mid } else { high = mid }
        }
        return cut(low)
    }
}
