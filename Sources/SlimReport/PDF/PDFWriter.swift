import SlimCharts

/// A multi-page PDF of a report document.
public struct PDFWriter {
    public var theme: Theme
    public init(theme: Theme = .light) { self.theme = theme }

    public func pdf(_ document: ReportDocument) throws(ReportError) -> [UInt8] {
        let renderer = ChartRenderer(theme: theme)
        var composer = PageComposer(theme: theme, measurer: renderer.measurer)
        composer.text(document.title, size: 20, bold: true)
        if let s = document.subtitle { composer.text(s, size: 10, color: theme.mutedText, after: 8) }
        for note in document.notes { composer.note(note) }
        for section in document.sections {
            composer.heading(of: section)
            for block in section.blocks {
                switch block {
                case .paragraph(let text): composer.text(text, size: 10, after: 6)
                case .note(let text): composer.note(text)
                case .table(let table): composer.table(table)
                case .chart(let chart): composer.chart(chart)
                }
            }
        }
        do {
            return try renderer.pdf(pages: composer.finish())
        } catch {
            throw ReportError.rendering("\(error)")
        }
    }
}
