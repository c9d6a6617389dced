/// Output built once and rendered as plain text or Markdown.
struct Document {
    enum Block {
        case title(String)
        case heading(String)
        case paragraph(String)
        case table(ExportTable)
    }

    var blocks: [Block] = []

    mutating func title(_ s: String) { blocks.append(.title(s)) }
    mutating func heading(_ s: String) { blocks.append(.heading(s)) }
    mutating func paragraph(_ s: String) { blocks.append(.paragraph(s)) }
    mutating func table(_ t: ExportTable) { blocks.append(.table(t)) }

    var text: String {
        blocks.map { block in
            switch block {
            case let .title(s): return s + "\n" + String(repeating: "═", count: s.count) + "\n"
            case let .heading(s): return s + "\n"
            case let .paragraph(s): return s + "\n"
            case let .table(t): return t.text
            }
        }.joined(separator: "\n")
    }

    var markdown: String {
        blocks.map { block in
            switch block {
            case let .title(s): return "## " + s + "\n"
            case let .heading(s): return "### " + s + "\n"
            case let .paragraph(s): return s + "\n"
            case let .table(t): return t.markdown
            }
        }.joined(separator: "\n")
    }
}
