import SlimLog

/// Output built once and rendered as plain text or Markdown. Every string may hold names from
/// a log: each renderer escapes it for its format (control characters visible in text; HTML,
/// Markdown punctuation and line breaks inert in Markdown). Line breaks of the output itself
/// are structure — separate lines of a paragraph — never characters inside a string.
struct Document {
    enum Block {
        case title(String)
        case heading(String)
        case paragraph([String])
        case table(ExportTable)
    }

    var blocks: [Block] = []

    mutating func title(_ s: String) { blocks.append(.title(s)) }
    mutating func heading(_ s: String) { blocks.append(.heading(s)) }
    mutating func paragraph(_ s: String) { blocks.append(.paragraph([s])) }
    /// A paragraph of several lines (a list, notes one per line).
    mutating func paragraph(lines: [String]) { blocks.append(.paragraph(lines)) }
    mutating func table(_ t: ExportTable) { blocks.append(.table(t)) }

    var text: String {
        blocks.map { block in
            switch block {
            case let .title(s):
                let line = s.visibleControlCharacters()
                return line + "\n" + String(repeating: "═", count: line.count) + "\n"
            case let .heading(s): return s.visibleControlCharacters() + "\n"
            case let .paragraph(lines): return lines.map { $0.visibleControlCharacters() + "\n" }.joined()
            case let .table(t): return t.text
            }
        }.joined(separator: "\n")
    }

    var markdown: String {
        blocks.map { block in
            switch block {
            case let .title(s): return "## " + s.markdownEscaped + "\n"
            case let .heading(s): return "### " + s.markdownEscaped + "\n"
            case let .paragraph(lines): return lines.map { $0.markdownEscaped + "\n" }.joined()
            case let .table(t): return t.markdown
            }
        }.joined(separator: "\n")
    }
}
