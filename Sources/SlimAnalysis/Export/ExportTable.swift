import SlimLog

/// A table of strings rendered as aligned text or as a Markdown table (SlimCLI.TextTable
/// draws terminal tables for the tools; summaries also need Markdown, and the library cannot
/// depend on the CLI module).
struct ExportTable: Sendable, Equatable {
    enum Alignment: Sendable, Equatable { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    /// Columns after the first are right-aligned unless `alignments` says otherwise.
    init(headers: [String], alignments: [Alignment]? = nil, rows: [[String]] = []) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
        self.rows = rows
    }

    /// Columns padded to their widest cell, two spaces apart, a rule under the header; control
    /// characters in cells shown as visible escapes.
    var text: String {
        let all = ([headers] + rows).map { $0.map { $0.visibleControlCharacters() } }
        let widths = headers.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            headers.indices.map { c in
                let cell = c < cells.count ? cells[c] : ""
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return alignments[c] == .left ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(all[0]), rule] + all.dropFirst().map(line)).joined(separator: "\n") + "\n"
    }

    /// A pipe table; cells are Markdown-escaped (a `|` or line break cannot end a cell or row).
    var markdown: String {
        func line(_ cells: [String]) -> String {
            "| " + headers.indices.map { c in
                (c < cells.count ? cells[c] : "").markdownEscaped
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + alignments.map { $0 == .left ? " :--- |" : " ---: |" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
