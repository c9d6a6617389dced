import SlimCharts

/// Writes a report document in a format, atomically.
public enum ReportOutput {
    /// `refreshSeconds` makes an HTML page reload itself (a live report of a running run).
    public static func write(_ document: ReportDocument, to path: String, format: ReportFormat,
                             theme: Theme = .light, refreshSeconds: Int? = nil) throws(ReportError) {
        switch format {
        case .pdf:
            let bytes = try PDFWriter(theme: theme).pdf(document)
            try ReportError.writing { () throws(ChartError) in try AtomicFile.write(bytes, to: path) }
        case .html:
            let html = try HTMLWriter(theme: theme, refreshSeconds: refreshSeconds).html(document)
            try ReportError.writing { () throws(ChartError) in try AtomicFile.write(html, to: path) }
        case .markdown: try MarkdownWriter(theme: theme).write(document, to: path)
        }
    }
}
