/// Writes a report document in a format, atomically.
public enum ReportOutput {
    public static func write(_ document: ReportDocument, to path: String, format: ReportFormat) throws(ReportError) {
        switch format {
        case .pdf: try AtomicFile.write(PDFWriter().pdf(document), to: path)
        case .html: try AtomicFile.write(HTMLWriter().html(document), to: path)
        case .markdown: try MarkdownWriter().write(document, to: path)
        }
    }
}
