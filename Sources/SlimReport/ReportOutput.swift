import SlimCharts

/// Writes a report document in a format, atomically.
public enum ReportOutput {
    public static func write(_ document: ReportDocument, to path: String, format: ReportFormat) throws(ReportError) {
        switch format {
        case .pdf:
            let bytes = try PDFWriter().pdf(document)
            try ReportError.writing { () throws(ChartError) in try AtomicFile.write(bytes, to: path) }
        case .html:
            let html = try HTMLWriter().html(document)
            try ReportError.writing { () throws(ChartError) in try AtomicFile.write(html, to: path) }
        case .markdown: try MarkdownWriter().write(document, to: path)
        }
    }
}
