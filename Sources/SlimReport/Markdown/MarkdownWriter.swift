import Foundation
import SlimCharts

/// Markdown with every chart written as an SVG file in a folder beside the report.
public struct MarkdownWriter {
    public var theme: Theme
    public init(theme: Theme = .light) { self.theme = theme }

    /// Writes `path` and its chart files (`<name>-charts/<chart>.svg`), each atomically.
    public func write(_ document: ReportDocument, to path: String) throws(ReportError) {
        let base = (path as NSString).deletingPathExtension
        let folder = base + "-charts"
        let relative = (folder as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: folder, reason: (error as NSError).localizedDescription)
        }
        let renderer = ChartRenderer(theme: theme)
        var md = "# \(escaped(document.title))\n\n"
        if let s = document.subtitle { md += "_\(escaped(s))_\n\n" }
        for note in document.notes { md += "> **Note:** \(escaped(note))\n\n" }
        for section in document.sections {
            md += "## \(escaped(section.title))\n\n"
            for block in section.blocks {
                switch block {
                case .paragraph(let text): md += escaped(text) + "\n\n"
                case .note(let text): md += "> **Note:** \(escaped(text))\n\n"
                case .table(let t):
                    md += "| " + t.header.map(cell).joined(separator: " | ") + " |\n"
                    md += "|" + t.header.map { _ in " --- |" }.joined() + "\n"
                    for row in t.rows { md += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
                    md += "\n"
                case .chart(let chart):
                    let file = chart.name + ".svg"
                    do {
                        let bytes = try renderer.render(renderer.scene(chart.graphic, size: chart.size), as: .svg)
                        try AtomicFile.write(bytes, to: folder + "/" + file)
                    } catch ChartError.cannotWrite(let path, let reason) {
                        throw ReportError.cannotWrite(path: path, reason: reason)
                    } catch {
                        throw ReportError.rendering("\(chart.name): \(error)")
                    }
                    md += "![\(chart.name)](\(relative)/\(file))\n\n"
                }
            }
        }
        try ReportError.writing { () throws(ChartError) in try AtomicFile.write(md, to: path) }
    }

    /// Markdown and inline HTML neutralized: log text shows as text.
    private func escaped(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    private func cell(_ s: String) -> String { escaped(s) }
}
