import SlimLog

/// Escaping for the text formats the analysis writes: names come from logs and are untrusted.
/// One helper per format: `markdownEscaped` (here), `visibleControlCharacters` (SlimLog, for
/// plain text and terminals), `csvField` / `csvTextField` (here); HTML has its own in SlimReport.
extension String {
    /// `self` as inert Markdown text: HTML specials become entities (`<img …>` shows as text
    /// even where the renderer allows HTML), Markdown punctuation is backslash-escaped, and line
    /// breaks and other control characters are visible escapes, so a name cannot end a table
    /// row, start a heading or split a line.
    public var markdownEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for ch in visibleControlCharacters() {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// An RFC 4180 field: quoted when it holds a comma, quote or line break, inner quotes doubled.
    var csvField: String {
        guard contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return self }
        return "\"" + replacingAll("\"", with: "\"\"") + "\""
    }

    /// A field holding text from a log (a run, file or layer name): when it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return, a spreadsheet would run it as a formula,
    /// so it gets a leading `'` (the OWASP CSV-injection rule) and is quoted.
    var csvTextField: String {
        guard let first = unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return csvField }
        return "\"'" + replacingAll("\"", with: "\"\"") + "\""
    }
}
