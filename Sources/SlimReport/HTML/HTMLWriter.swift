import SlimCharts

/// One self-contained HTML file: inline CSS and inline SVG charts, no scripts, nothing fetched.
public struct HTMLWriter {
    public var theme: Theme
    /// When set, the page reloads itself this often (`slim-report watch` while the run is open).
    public var refreshSeconds: Int?
    public init(theme: Theme = .light, refreshSeconds: Int? = nil) { self.theme = theme; self.refreshSeconds = refreshSeconds }

    public func html(_ document: ReportDocument) throws(ReportError) -> String {
        let renderer = ChartRenderer(theme: theme)
        var body = "<header><h1>\(document.title.htmlEscaped)</h1>"
        if let s = document.subtitle { body += "<p class=\"sub\">\(s.htmlEscaped)</p>" }
        body += "</header>\n"
        for note in document.notes { body += "<p class=\"note\" role=\"note\">\(note.htmlEscaped)</p>\n" }
        body += "<nav><ol>" + document.sections.enumerated().map { "<li><a href=\"#s\($0.offset)\">\($0.element.title.htmlEscaped)</a></li>" }.joined() + "</ol></nav>\n"
        for (index, section) in document.sections.enumerated() {
            body += "<section id=\"s\(index)\"><h2>\(section.title.htmlEscaped)</h2>\n"
            for block in section.blocks { body += try html(block, renderer: renderer) + "\n" }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(document.title.htmlEscaped)</title>
            <style>\(Self.css)</style></head>
            <body><main>
            \(body)</main></body></html>

            """
    }

    private func html(_ block: ReportBlock, renderer: ChartRenderer) throws(ReportError) -> String {
        switch block {
        case .paragraph(let text): return "<p>\(text.htmlEscaped)</p>"
        case .note(let text): return "<p class=\"note\" role=\"note\">\(text.htmlEscaped)</p>"
        case .table(let table):
            let head = "<tr>" + table.header.map { "<th>\($0.htmlEscaped)</th>" }.joined() + "</tr>"
            let rows = table.rows.map { "<tr>" + $0.map { "<td>\($0.htmlEscaped)</td>" }.joined() + "</tr>" }.joined()
            return "<div class=\"table\"><table><thead>\(head)</thead><tbody>\(rows)</tbody></table></div>"
        case .chart(let chart):
            do {
                let svg = try renderer.svgString(renderer.scene(chart.graphic, size: chart.size), idPrefix: chart.name + "-")
                // Shown at its natural size (1 pt = 4/3 CSS px) so chart text matches the page's.
                let style = "style=\"max-width:\(Int(chart.size.width * 4 / 3))px\""
                // Phones get a single chart laid out again for their width: ticks, labels and legend
                // refit instead of the whole picture shrinking to unreadable text. Multi-panel
                // figures keep their grid and scroll sideways.
                guard chart.graphic is Chart else { return "<figure class=\"chart wide\" \(style)>\(svg)</figure>" }
                let narrowSize = Size(width: Self.narrowWidth, height: max(220, chart.size.height * 0.85))
                let narrow = try renderer.svgString(renderer.scene(chart.graphic, size: narrowSize), idPrefix: chart.name + "-narrow-")
                return "<figure class=\"chart\" \(style)><div class=\"full\">\(svg)</div><div class=\"narrow\">\(narrow)</div></figure>"
            } catch {
                throw ReportError.rendering("\(chart.name): \(error)")
            }
        }
    }

    /// Width in points of the second layout of each chart, shown on screens up to 600 px wide.
    static let narrowWidth = 300.0

    static let css = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 "DejaVu Sans",system-ui,sans-serif;color:#222;background:#fff}
        main{max-width:960px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.2em 0;overflow-wrap:anywhere}
        h2{font-size:1.3em;border-bottom:1px solid #ddd;margin-top:1.6em;overflow-wrap:anywhere}
        p{overflow-wrap:anywhere}
        .sub{color:#666;margin-top:0}
        .note{background:#fff4d6;border-left:4px solid #e0a000;padding:.5em .8em}
        nav ol{padding-left:1.4em;margin:.4em 0}
        .table{overflow-x:auto;max-width:100%;margin:1em 0}
        table{border-collapse:collapse;font-size:.9em}
        th,td{border-bottom:1px solid #e3e3e3;padding:.25em .7em;text-align:left;vertical-align:top}
        td:not(:first-child){font-variant-numeric:tabular-nums}
        figure.chart{margin:1em 0;width:100%;overflow-x:auto}
        figure.chart svg{display:block;width:100%;min-width:440px;height:auto}
        figure.chart.wide svg{min-width:640px}
        figure.chart .narrow{display:none}
        figure.chart .narrow svg{min-width:0}
        @media screen and (max-width:600px){figure.chart .full{display:none}figure.chart .narrow{display:block}}
        @media print{main{max-width:none;padding:0}nav{display:none}figure.chart,table{break-inside:avoid}h2{break-after:avoid}}
        """
}
