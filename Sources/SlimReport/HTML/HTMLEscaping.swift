import SlimLog

/// Escaping for text that reaches HTML: everything from a log is untrusted.
extension String {
    /// `self` with `& < > " '` replaced by entities, safe in element content and quoted
    /// attributes, and control characters shown as visible escapes (`\u{1b}`).
    var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in visibleControlCharacters() {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
