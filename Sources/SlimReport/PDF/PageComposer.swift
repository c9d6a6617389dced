import SlimCharts

/// Flows a report document onto fixed-size PDF pages: text is wrapped, tables measured, charts
/// laid out at the page width and moved to the next page when they do not fit.
struct PageComposer {
    let page = Size(width: 595, height: 842)
    let margin = 42.0
    let theme: Theme
    let measurer: TextMeasurer
    private(set) var pages: [Scene] = []
    private var current: Scene
    private var y: Double

    init(theme: Theme, measurer: TextMeasurer) {
        self.theme = theme; self.measurer = measurer
        current = Scene(size: page); y = margin
        current.append(.path(.rect(Rect(x: 0, y: 0, width: page.width, height: page.height)), PathStyle(fill: theme.background)))
    }

    var contentWidth: Double { page.width - 2 * margin }

    mutating func newPage() {
        pages.append(current)
        current = Scene(size: page); y = margin
        current.append(.path(.rect(Rect(x: 0, y: 0, width: page.width, height: page.height)), PathStyle(fill: theme.background)))
    }

    /// Starts a new page unless `height` more points fit on this one.
    mutating func reserve(_ height: Double) {
        if y + height > page.height - margin, y > margin { newPage() }
    }

    mutating func text(_ string: String, size: Double, bold: Bool = false, color: Color? = nil, indent: Double = 0, after: Double = 4) {
        let font = Font(family: theme.fontFamily, size: size, bold: bold)
        for line in wrap(string, font: font, width: contentWidth - indent) {
            let lineHeight = size * 1.35
            reserve(lineHeight)
            current.append(.text(measurer.text(line, font: font, color: color ?? theme.text,
                                               at: Point(margin + indent, y + size), vertical: .baseline)))
            y += lineHeight
        }
        y += after
    }

    mutating func note(_ string: String) {
        let font = Font(family: theme.fontFamily, size: 10)
        let lines = wrap(string, font: font, width: contentWidth - 14)
        let height = Double(lines.count) * 13.5 + 8
        reserve(height)
        current.append(.path(.rect(Rect(x: margin, y: y, width: contentWidth, height: height)), PathStyle(fill: Color(hex: 0xFFF4D6))))
        current.append(.path(.rect(Rect(x: margin, y: y, width: 3, height: height)), PathStyle(fill: Color(hex: 0xE0A000))))
        var ly = y + 4
        for line in lines {
            current.append(.text(measurer.text(line, font: font, color: Color(hex: 0x222222), at: Point(margin + 10, ly + 10))))
            ly += 13.5
        }
        y += height + 6
    }

    mutating func table(_ table: ReportTable) {
        let font = Font(family: theme.fontFamily, size: 9), bold = Font(family: theme.fontFamily, size: 9, bold: true)
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        var widths = Array(repeating: 0.0, count: columns)
        for (i, h) in table.header.enumerated() { widths[i] = max(widths[i], measurer.measure(h, font: bold).width) }
        for row in table.rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], measurer.measure(c, font: font).width) } }
        let total = widths.reduce(0) { $0 + $1 + 14 }
        let scale = total > contentWidth ? contentWidth / total : 1
        let rowHeight = 14.0
        reserve(rowHeight * Double(min(table.rows.count + 1, 6)))
        for (r, row) in ([table.header] + table.rows).enumerated() {
            reserve(rowHeight)
            var x = margin
            for (i, cell) in row.enumerated() {
                let limit = widths[i] * scale
                current.append(.text(measurer.text(fit(cell, font: r == 0 ? bold : font, width: limit), font: r == 0 ? bold : font,
                                                   color: theme.text, at: Point(x, y + 10))))
                x += limit + 14 * scale
            }
            y += rowHeight
            current.append(.path(.segment(Point(margin, y - 1.5), Point(margin + min(total, contentWidth), y - 1.5)),
                                 PathStyle(stroke: theme.grid, lineWidth: 0.5)))
        }
        y += 8
    }

    mutating func chart(_ chart: ReportChart) {
        let width = min(contentWidth, chart.size.width)
        let height = min(chart.size.height * max(1, width / chart.size.width), page.height - 2 * margin)
        reserve(height)
        let x = margin + (contentWidth - width) / 2
        let result = chart.graphic.layout(in: Rect(x: x, y: y, width: width, height: height), theme: theme, measurer: measurer)
        current.commands += result.commands
        y += height + 12
    }

    mutating func finish() -> [Scene] {
        pages.append(current)
        return pages
    }

    /// Greedy word wrap at `width`.
    private func wrap(_ string: String, font: Font, width: Double) -> [String] {
        var lines: [String] = [], line = ""
        for word in string.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if measurer.measure(candidate, font: font).width <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line); line = String(word)
            }
        }
        lines.append(line)
        return lines.map { fit($0, font: font, width: width) }
    }

    /// `string` shortened with an ellipsis until it fits `width`.
    private func fit(_ string: String, font: Font, width: Double) -> String {
        guard measurer.measure(string, font: font).width > width else { return string }
        var s = string
        while s.count > 1, measurer.measure(s + "…", font: font).width > width { s.removeLast() }
        return s + "…"
    }
}
