/// The output formats of a report.
public enum ReportFormat: String, Sendable, CaseIterable {
    case pdf, html, markdown

    /// The format named by `path`'s extension (`.pdf`, `.html`/`.htm`, `.md`/`.markdown`).
    public init(path: String) throws(ReportError) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "pdf": self = .pdf
        case "html", "htm": self = .html
        case "md", "markdown": self = .markdown
        default: throw ReportError.unknownFormat(path: path)
        }
    }

    /// A `--format` value: pdf, html, md or markdown.
    public init(name: String) throws(ReportError) {
        switch name.lowercased() {
        case "pdf": self = .pdf
        case "html": self = .html
        case "md", "markdown": self = .markdown
        default: throw ReportError.unknownFormatName(name)
        }
    }
}
