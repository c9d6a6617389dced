import Foundation
import SlimAnalysis
import SlimCharts

/// Markdown with every chart written as an SVG file in a folder beside the report:
/// `report.md` links `report-charts/<version>/<chart>.svg`. Page and charts are published
/// together (`ChartFolder`): a crash or a second writer never leaves a page whose charts are
/// missing or another run's.
public struct MarkdownWriter {
    public var theme: Theme
    public init(theme: Theme = .light) { self.theme = theme }

    /// Writes `path` and its chart folder `<name>-charts/`.
    public func write(_ document: ReportDocument, to path: String) throws(ReportError) {
        let folder = try ChartFolder(page: path)
        defer { folder.discard() }
        let renderer = ChartRenderer(theme: theme)
        var md = "# \(document.title.markdownEscaped)\n\n"
        if let s = document.subtitle { md += "_\(s.markdownEscaped)_\n\n" }
        for note in document.notes { md += "> **Note:** \(note.markdownEscaped)\n\n" }
        for section in document.sections {
            md += "## \(section.title.markdownEscaped)\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): md += text.markdownEscaped + "\n\n"
                case .note(let text): md += "> **Note:** \(text.markdownEscaped)\n\n"
                case .table(let t):
                    md += "| " + t.header.map(\.markdownEscaped).joined(separator: " | ") + " |\n"
                    md += "|" + t.header.map { _ in " --- |" }.joined() + "\n"
                    for row in t.rows { md += "| " + row.map(\.markdownEscaped).joined(separator: " | ") + " |\n" }
                    md += "\n"
                case .chart(let chart):
                    let file = chart.name + ".svg"
                    do {
                        let bytes = try renderer.render(renderer.scene(chart.graphic, size: chart.size), as: .svg)
                        try folder.add(bytes, named: file)
                    } catch let error as ReportError {
                        throw error
                    } catch {
                        throw ReportError.rendering("\(chart.name): \(error)")
                    }
                    md += "![\(chart.name)](\(folder.link(to: file)))\n\n"
                }
            }
        }
        try folder.publish(page: md)
    }
}
