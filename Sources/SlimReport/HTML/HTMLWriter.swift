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
        let scheme = followsScheme ? "auto" : theme.background.luminance < 0.5 ? "dark" : "light"
        let darkVariables = Self.darkPage + ChartRenderer.cssVariables(for: .dark)
        let css = Self.css + (followsScheme ? "@media (prefers-color-scheme:dark){:root{\(darkVariables)}}" : "")
            + (scheme == "dark" ? ":root{\(Self.darkPage)}" : "")
        return """
            <!DOCTYPE html>
            <html lang="en" class="\(scheme)"><head><meta charset="utf-8">\(refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="\(scheme == "auto" ? "light dark" : scheme)">
            <title>\(document.title.htmlEscaped)</title>
            <style>\(css)</style></head>
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
                let label = Self.describe(chart.graphic) ?? chart.name
                let svg = try renderer.htmlSVG(renderer.scene(chart.graphic, size: chart.size), dark: darkScene(chart.graphic, chart.size),
                                               idPrefix: chart.name + "-", label: label)
                // Shown at its natural size (1 pt = 4/3 CSS px) so chart text matches the page's.
                let style = "style=\"max-width:\(Int(chart.size.width * 4 / 3))px\""
                // Phones get a second layout made for their width: ticks, labels and legend
                // refit instead of the whole picture shrinking to unreadable text, and
                // small multiples reflow to one or two columns.
                let narrowGraphic: any Graphic
                let narrowSize: Size
                if var figure = chart.graphic as? Figure {
                    figure.columns = min(2, figure.panels.count)
                    let rows = (figure.panels.count + figure.columns - 1) / figure.columns
                    narrowGraphic = figure
                    narrowSize = Size(width: Self.narrowWidth, height: 70 + 150 * Double(rows))
                } else {
                    narrowGraphic = chart.graphic
                    narrowSize = Size(width: Self.narrowWidth, height: max(220, chart.size.height * 0.85))
                }
                let narrow = try renderer.htmlSVG(renderer.scene(narrowGraphic, size: narrowSize), dark: darkScene(narrowGraphic, narrowSize),
                                                  idPrefix: chart.name + "-narrow-", label: label)
                return "<figure class=\"chart\" \(style)><div class=\"full\">\(svg)</div><div class=\"narrow\">\(narrow)</div></figure>"
            } catch {
                throw ReportError.rendering("\(chart.name): \(error)")
            }
        }
    }

    /// The chart laid out in `Theme.dark`, which pairs each of its colours with the dark
    /// scheme's, when the page follows the reader's scheme.
    private func darkScene(_ graphic: any Graphic, _ size: Size) -> Scene? {
        followsScheme ? ChartRenderer(theme: .dark).scene(graphic, size: size) : nil
    }

    /// Whether the page follows the reader's light/dark preference: only with the light theme,
    /// whose chart colours are written as CSS variables the dark scheme overrides.
    var followsScheme: Bool { theme.background == Theme.light.background && theme.text == Theme.light.text }

    /// The chart's title and subtitle, read out as its accessible name.
    static func describe(_ graphic: any Graphic) -> String? {
        if let c = graphic as? Chart { return [c.title, c.subtitle].compactMap { $0 }.joined(separator: ": ") }
        if let f = graphic as? Figure { return f.title.map { "\($0) (\(f.panels.count) panels)" } }
        return nil
    }

    /// Width in points of the second layout of each chart, shown on screens up to 600 px wide.
    static let narrowWidth = 300.0

    /// The page's own colours in the dark scheme (the charts' come from `Theme.dark`).
    static let darkPage = "--bg:#1E2127;--fg:#E6E6E6;--muted:#B0B4BA;--rule:#3A3F48;--note-bg:#3a3220;--note-edge:#c89400;--link:#8ab4f8;"

    static let css = """
        :root{--bg:#fff;--fg:#222;--muted:#666;--rule:#ddd;--note-bg:#fff4d6;--note-edge:#e0a000;--link:#0645ad}
        *{box-sizing:border-box}
        html{background:var(--bg)}
        body{margin:0;font:16px/1.5 "DejaVu Sans",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
        a{color:var(--link)}
        main{max-width:960px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.2em 0;overflow-wrap:anywhere}
        h2{font-size:1.3em;border-bottom:1px solid var(--rule);margin-top:1.6em;overflow-wrap:anywhere}
        p{overflow-wrap:anywhere}
        .sub{color:var(--muted);margin-top:0}
        .note{background:var(--note-bg);border-left:4px solid var(--note-edge);padding:.5em .8em}
        nav ol{padding-left:1.4em;margin:.4em 0}
        .table{overflow-x:auto;max-width:100%;margin:1em 0}
        table{border-collapse:collapse;font-size:.9em}
        th,td{border-bottom:1px solid var(--rule);padding:.25em .7em;text-align:left;vertical-align:top}
        td:not(:first-child){font-variant-numeric:tabular-nums;white-space:nowrap}
        figure.chart{margin:1em 0;width:100%;overflow-x:auto}
        figure.chart svg{display:block;width:100%;min-width:440px;height:auto}
        figure.chart svg text{user-select:text;-webkit-user-select:text}
        figure.chart .narrow{display:none}
        figure.chart .narrow svg{min-width:0}
        @media screen and (max-width:600px){figure.chart .full{display:none}figure.chart .narrow{display:block}}
        @media print{main{max-width:none;padding:0}nav{display:none}figure.chart,table{break-inside:avoid}h2{break-after:avoid}}
        """
}
