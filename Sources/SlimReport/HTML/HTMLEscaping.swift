/// Escaping for text that reaches HTML: everything from a log is untrusted.
extension String {
    /// `self` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
    var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
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
