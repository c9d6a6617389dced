/// Anything that can fill a page: a single chart or a multi-panel figure.
public protocol Graphic: Sendable {
    /// Drawing commands filling `rect`, and notes (such as dropped values) for the reader.
    func layout(in rect: Rect, theme: Theme, measurer: TextMeasurer) -> (commands: [DrawCommand], notes: [String])
}

extension Chart: Graphic {
    public func layout(in rect: Rect, theme: Theme, measurer: TextMeasurer) -> (commands: [DrawCommand], notes: [String]) {
        var layout = ChartLayout(chart: self, theme: theme, measurer: measurer, outer: rect)
        let insets = layout.prepare()
        return (layout.render(insets), layout.notes)
    }
}

/// Several charts in a grid (small multiples), with plot areas aligned across rows and
/// columns, optionally sharing x and/or y scales (then only outer panels label them).
public struct Figure: Sendable, Graphic {
    public var title: String?
    public var caption: String?
    public var panels: [Chart]
    public var columns: Int
    public var sharesX: Bool
    public var sharesY: Bool
    /// Space between panels, in points.
    public var spacing: Double
    /// `.automatic`: when two or more panels show the same legend (small multiples of the same
    /// series), the figure shows it once on the right and the panels show none. `.hidden`:
    /// panels keep their own legends. `.right` behaves as `.automatic`.
    public var legend: LegendPosition

    public init(title: String? = nil, panels: [Chart], columns: Int, sharesX: Bool = false, sharesY: Bool = false,
                caption: String? = nil, spacing: Double = 10, legend: LegendPosition = .automatic) {
        self.title = title; self.panels = panels; self.columns = max(1, columns); self.sharesX = sharesX
        self.sharesY = sharesY; self.caption = caption; self.spacing = spacing
        self.legend = legend
    }

    var rows: Int { (panels.count + columns - 1) / columns }

    /// One scale per axis over every panel's data, for shared axes.
    func sharedScales() -> (x: Scale, y: Scale)? {
        guard let first = panels.first, sharesX || sharesY else { return nil }
        var ex = Extent(), ey = Extent()
        for p in panels { let e = p.extents; ex.merge(e.x); ey.merge(e.y) }
        let specs = first.scaleSpecs
        return (specs.x.resolve(ex), specs.y.resolve(ey))
    }

    /// The one legend for all panels, when every panel with a visible legend shows the same
    /// labels and there are at least two such panels.
    func sharedLegend(theme: Theme, measurer: TextMeasurer) -> LegendGuide? {
        guard legend != .hidden else { return nil }
        let shown = panels.filter { $0.legend != .hidden }.map { $0.legendEntries(theme: theme) }.filter { !$0.isEmpty }
        guard shown.count >= 2, let first = shown.first,
              shown.allSatisfy({ $0.map(\.label) == first.map(\.label) }) else { return nil }
        return LegendGuide(entries: first, theme: theme, measurer: measurer)
    }

    public func layout(in rect: Rect, theme: Theme, measurer: TextMeasurer) -> (commands: [DrawCommand], notes: [String]) {
        var out: [DrawCommand] = []
        var top = rect.minY + ChartLayout.pad
        let pad = ChartLayout.pad
        if let title, !title.isEmpty {
            // Wrapped, not cut, when the figure is narrow (a phone's layout).
            let font = theme.font(theme.titleSize * 1.15, bold: true)
            for line in TextWrap.lines(title, width: rect.width - 2 * pad, font: font, measurer: measurer) {
                let item = measurer.text(line, font: font, color: theme.text, at: Point(rect.minX + pad, top), vertical: .top)
                out.append(.text(item)); top += item.extent.height
            }
            top += 4
        }
        var bottom = rect.maxY
        if let caption, !caption.isEmpty {
            let font = theme.font(theme.captionSize)
            let lines = TextWrap.lines(caption, width: rect.width - 2 * pad, font: font, measurer: measurer)
            let h = measurer.measure("Ag", font: font).height
            bottom -= pad + Double(lines.count) * h
            for (i, line) in lines.enumerated() {
                out.append(.text(measurer.text(line, font: font, color: theme.mutedText,
                                               at: Point(rect.minX + pad, bottom + Double(i) * h), vertical: .top)))
            }
        }
        guard !panels.isEmpty else { return (out, []) }
        let sharedLegend = sharedLegend(theme: theme, measurer: measurer)
        let legendWidth = sharedLegend.map { $0.size.width + spacing + pad } ?? 0
        let cellW = (rect.width - legendWidth - spacing * Double(columns - 1)) / Double(columns)
        let cellH = (bottom - top - spacing * Double(rows - 1)) / Double(rows)
        let shared = sharedScales()
        // An axis title every panel repeats is said once, on the outer panels.
        let sameX = Set(panels.map { $0.x.title ?? "" }).count == 1
        let sameY = Set(panels.map { $0.y.title ?? "" }).count == 1
        /// Every panel laid out in its cell (row `r` spans `rowTops[r]`, `rowHeights[r]`), with
        /// the largest inset of each row (top, bottom) and column (left, right).
        func lay(_ rowTops: [Double], _ rowHeights: [Double]) -> ([ChartLayout], [Insets], [Insets]) {
            var layouts: [ChartLayout] = [], insets: [Insets] = []
            for (i, panel) in panels.enumerated() {
                let r = i / columns, c = i % columns
                var chart = panel
                if sameX && i + columns < panels.count { chart.x.title = nil }
                if sameY && c > 0 { chart.y.title = nil }
                if sharedLegend != nil { chart.legend = .hidden }
                let cell = Rect(x: rect.minX + Double(c) * (cellW + spacing), y: rowTops[r], width: cellW, height: rowHeights[r])
                var options = PanelOptions(isPanel: true)
                if let shared {
                    options.scales = (sharesX ? shared.x : chart.resolvedScales().x, sharesY ? shared.y : chart.resolvedScales().y)
                    options.showsXLabels = !sharesX || i + columns >= panels.count
                    options.showsYLabels = !sharesY || c == 0
                }
                var layout = ChartLayout(chart: chart, theme: theme, measurer: measurer, outer: cell, options: options)
                insets.append(layout.prepare())
                layouts.append(layout)
            }
            var rowInsets = Array(repeating: Insets(), count: rows), colInsets = Array(repeating: Insets(), count: columns)
            for (i, inset) in insets.enumerated() {
                rowInsets[i / columns] = rowInsets[i / columns].merged(Insets(top: inset.top, bottom: inset.bottom))
                colInsets[i % columns] = colInsets[i % columns].merged(Insets(left: inset.left, right: inset.right))
            }
            return (layouts, rowInsets, colInsets)
        }
        let even = (0..<rows).map { top + Double($0) * (cellH + spacing) }
        var (layouts, rowInsets, colInsets) = lay(even, Array(repeating: cellH, count: rows))
        // Rows whose panels carry the x axis (the last, with shared x) need more room: give
        // every row the same plot height instead of the same cell height, so the bottom row's
        // panels are not the flattest (unless that would leave a row no plot at all).
        let margins = rowInsets.map { $0.top + $0.bottom }
        let plotH = (bottom - top - spacing * Double(rows - 1) - margins.reduce(0, +)) / Double(rows)
        if rows > 1, plotH > 20, Set(margins.map { Int($0.rounded()) }).count > 1 {
            let heights = margins.map { $0 + plotH }
            let tops = heights.indices.map { r in top + heights.prefix(r).reduce(0, +) + spacing * Double(r) }
            (layouts, rowInsets, colInsets) = lay(tops, heights)
        }
        var notes: [String] = []
        for (i, layout) in layouts.enumerated() {
            let r = rowInsets[i / columns], c = colInsets[i % columns]
            out += layout.render(Insets(top: r.top, left: c.left, bottom: r.bottom, right: c.right))
            notes += layout.notes.map { (panels[i].title.map { $0 + ": " } ?? "") + $0 }
        }
        if let sharedLegend {
            let box = Rect(x: rect.maxX - pad - sharedLegend.size.width, y: top + rowInsets[0].top,
                           width: sharedLegend.size.width, height: sharedLegend.size.height)
            sharedLegend.draw(in: box, measurer: measurer, into: &out)
        }
        return (out, notes)
    }
}
