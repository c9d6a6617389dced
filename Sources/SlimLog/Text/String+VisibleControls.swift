/// Every string in a log is untrusted: a run or layer name may carry terminal escape sequences
/// (`ESC [2J` clears the screen, `ESC ]0;…BEL` retitles the window), line breaks or bidi
/// overrides. Text outputs show such characters as visible escapes instead of sending them.
extension String {
    /// `self` with every control character (C0, DEL, C1) and every bidi embedding, override
    /// or isolate written as a Swift-style escape, `\u{1b}`; a line feed stays a line break
    /// only when `keepingLineFeeds` (for text whose line breaks are the writer's own).
    public func visibleControlCharacters(keepingLineFeeds: Bool = false) -> String {
        guard unicodeScalars.contains(where: { Self.mustEscape($0, keepingLineFeeds: keepingLineFeeds) }) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            if Self.mustEscape(scalar, keepingLineFeeds: keepingLineFeeds) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func mustEscape(_ s: Unicode.Scalar, keepingLineFeeds: Bool) -> Bool {
        switch s.value {
        case 0x0A: !keepingLineFeeds
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
