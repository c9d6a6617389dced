import SlimCharts
import SlimLog

/// Flows a report document onto fixed-size PDF pages: text is wrapped, tables measured, charts
/// laid out at the page width, shrunk a little to fill a page or moved to the next one.
/// Sections follow each other on a page; a heading never ends a page without its first chart.
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

    /// A chart may lose up to 20 % of its height to end a page instead of leaving it empty; a
    /// large one (multi-panel figures, and charts taller than half the page) up to 40 %, since
    /// moving it on would leave half a page blank. Charts are laid out again at the height they
    /// get, so text keeps its size.
    func shrinkLimit(_ chart: ReportChart) -> Double {
        chart.graphic is Figure || chartHeight(chart) > (page.height - 2 * margin) / 2 ? 0.6 : 0.8
    }

    /// Points left on the current page.
    var remaining: Double { page.height - margin - y }

    /// Starts a new page unless `height` more points fit on this one.
    mutating func reserve(_ height: Double) {
        if height > remaining, y > margin { newPage() }
    }

    /// The heading of `section`, on a new page when the page cannot also hold the section's
    /// opening text and first chart or table (at its smallest).
    mutating func heading(of section: ReportSection) {
        let size = 15.0, gap = y > margin ? 14.0 : 0
        var lead = gap + size * 1.35 + 6
        for block in section.blocks {
            switch block {
            case .paragraph(let text):
                lead += Double(wrap(text, font: Font(family: theme.fontFamily, size: 10), width: contentWidth).count) * 13.5 + 6
                continue
            case .note(let text): lead += noteHeight(text) + 6; continue
            case .table(let table): lead += 14 * Double(min(table.rows.count + 1, 6))
            case .chart(let chart): lead += chartHeight(chart) * shrinkLimit(chart) + 12
            }
            break
        }
        reserve(lead)
        if y > margin { y += gap }
        text(section.title, size: size, bold: true, after: 6)
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
        let height = noteHeight(string)
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

    private func noteHeight(_ string: String) -> Double {
        Double(wrap(string, font: Font(family: theme.fontFamily, size: 10), width: contentWidth - 14).count) * 13.5 + 8
    }

    mutating func table(_ table: ReportTable) {
        var table = table
        table.header = table.header.map { $0.visibleControlCharacters() }
        table.rows = table.rows.map { $0.map { $0.visibleControlCharacters() } }
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        // 9 pt, or a little smaller for a wide table, before any cell is shortened.
        var font = Font(family: theme.fontFamily, size: 9), bold = font, widths: [Double] = []
        for size in [9.0, 8.5, 8.0, 7.5] {
            font = Font(family: theme.fontFamily, size: size); bold = Font(family: theme.fontFamily, size: size, bold: true)
            widths = Array(repeating: 0.0, count: columns)
            for (i, h) in table.header.enumerated() { widths[i] = max(widths[i], measurer.measure(h, font: bold).width) }
            for row in table.rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], measurer.measure(c, font: font).width) } }
            if widths.reduce(0, +) + 14 * Double(columns) <= contentWidth { break }
        }
        widths = Self.fitted(widths, into: contentWidth - 14 * Double(columns))
        let total = widths.reduce(0) { $0 + $1 + 14 }
        let rowHeight = 14.0
        reserve(rowHeight * Double(min(table.rows.count + 1, 6)))
        for (r, row) in ([table.header] + table.rows).enumerated() {
            // No last row or two alone on a new page: the last three rows go over together.
            if r >= 2, table.rows.count + 1 - r == 3 { reserve(rowHeight * 3) }
            reserve(rowHeight)
            var x = margin
            for (i, cell) in row.enumerated() {
                let limit = widths[i]
                current.append(.text(measurer.text(fit(cell, font: r == 0 ? bold : font, width: limit), font: r == 0 ? bold : font,
                                                   color: theme.text, at: Point(x, y + 10))))
                x += limit + 14
            }
            y += rowHeight
            current.append(.path(.segment(Point(margin, y - 1.5), Point(margin + min(total, contentWidth), y - 1.5)),
                                 PathStyle(stroke: theme.grid, lineWidth: 0.5)))
        }
        y += 8
    }

    /// Column widths that fit `available`: when they do not, the widest columns are narrowed to
    /// one common width (their cells shortened) and the narrow ones keep theirs.
    static func fitted(_ widths: [Double], into available: Double) -> [Double] {
        guard widths.reduce(0, +) > available, available > 0 else { return widths }
        let sorted = widths.sorted()
        var rest = available, left = sorted.count
        for w in sorted {
            let cap = rest / Double(left)
            if w > cap { return widths.map { min($0, cap) } }
            rest -= w; left -= 1
        }
        return widths
    }

    /// The chart's width on the page: its own, or the page's when that is narrower.
    private func chartWidth(_ chart: ReportChart) -> Double { min(contentWidth, chart.size.width) }

    /// The chart's height at `chartWidth`: scaled with the width unless the chart keeps its
    /// height, and never more than a page.
    private func chartHeight(_ chart: ReportChart) -> Double {
        let scale = chart.keepsHeight ? 1 : chartWidth(chart) / chart.size.width
        return min(chart.size.height * scale, page.height - 2 * margin)
    }

    mutating func chart(_ chart: ReportChart) {
        let width = chartWidth(chart), natural = chartHeight(chart)
        if natural > remaining, natural * shrinkLimit(chart) > remaining - 12 { newPage() }
        let height = min(natural, remaining - 12)
        let x = margin + (contentWidth - width) / 2
        let result = chart.graphic.layout(in: Rect(x: x, y: y, width: width, height: height), theme: theme, measurer: measurer)
        current.commands += result.commands
        y += height + 12
    }

    mutating func finish() -> [Scene] {
        pages.append(current)
        return pages
    }

    /// Greedy word wrap at `width`; control characters from a log shown as visible escapes.
    private func wrap(_ string: String, font: Font, width: Double) -> [String] {
        var lines: [String] = [], line = ""
        for word in string.visibleControlCharacters().split(separator: " ", omittingEmptySubsequences: false) {
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

    /// `string` shortened at its end with an ellipsis until it fits `width`.
    private func fit(_ string: String, font: Font, width: Double) -> String {
        measurer.truncated(string, width: width, font: font, headShare: 1)
    }
}
