/// Space between a plot area and the edges of its chart.
struct Insets {
    var top = 0.0, left = 0.0, bottom = 0.0, right = 0.0

    func merged(_ o: Insets) -> Insets {
        Insets(top: max(top, o.top), left: max(left, o.left), bottom: max(bottom, o.bottom), right: max(right, o.right))
    }
}

/// What a figure asks of one of its panels.
struct PanelOptions {
    var scales: (x: Scale, y: Scale)?
    var showsXLabels = true
    var showsYLabels = true
    /// Panels title themselves smaller than standalone charts.
    var isPanel = false
}

/// Turns a `Chart` into drawing commands inside a rectangle: fits axes, places the legend and
/// colour bar, titles, captions and notes.
struct ChartLayout {
    let chart: Chart
    let theme: Theme
    let measurer: TextMeasurer
    let outer: Rect
    let x: Scale
    let y: Scale
    var xGuide: AxisGuide
    var yGuide: AxisGuide
    let legend: LegendGuide?
    let colorBar: ColorBarGuide?
    let notes: [String]
    let isEmpty: Bool
    var legendOutside = false
    let titleFont: Font
    static let pad = 8.0

    init(chart: Chart, theme: Theme, measurer: TextMeasurer, outer: Rect, options: PanelOptions = PanelOptions()) {
        self.chart = chart; self.theme = theme; self.measurer = measurer; self.outer = outer
        titleFont = theme.font(options.isPanel ? theme.labelSize : theme.titleSize, bold: true)
        let scales = options.scales ?? chart.resolvedScales()
        x = scales.x; y = scales.y
        xGuide = AxisGuide(side: .bottom, scale: x, axis: chart.x, theme: theme, showsLabels: options.showsXLabels)
        yGuide = AxisGuide(side: .left, scale: y, axis: chart.y, theme: theme, showsLabels: options.showsYLabels)
        let entries = chart.legendEntries(theme: theme)
        legend = entries.isEmpty || chart.legend == .hidden ? nil : LegendGuide(entries: entries, theme: theme, measurer: measurer)
        colorBar = chart.marks.lazy.compactMap(\.colorScale).first.map { ColorBarGuide(scale: $0, theme: theme) }
        let e = chart.extents
        isEmpty = e.x.isEmpty && e.y.isEmpty
        // Which values are dropped does not depend on geometry: a dry run counts them.
        var dry = PlotContext(frame: Rect(x: 0, y: 0, width: 100, height: 100), x: x, y: y, theme: theme,
                              measurer: measurer, firstSlot: 0)
        for m in chart.marks { m.draw(in: &dry) }
        notes = dry.dropped.sorted { $0.key < $1.key }.map { DropReason.note($0.key, count: $0.value) }
        legendOutside = chart.legend == .right
    }

    var subtitleFont: Font { theme.font(theme.labelSize) }
    var captionFont: Font { theme.font(theme.captionSize) }
    var noteText: String? { notes.isEmpty ? nil : notes.joined(separator: "; ") + "." }

    private func lines(_ text: String?, _ font: Font) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return TextWrap.lines(text, width: outer.width - 2 * Self.pad, font: font, measurer: measurer)
    }

    private func height(_ lines: [String], _ font: Font) -> Double {
        Double(lines.count) * measurer.measure("Ag", font: font).height
    }

    var headerHeight: Double {
        let t = height(lines(chart.title, titleFont), titleFont), s = height(lines(chart.subtitle, subtitleFont), subtitleFont)
        return t + s + (t + s > 0 ? 8 : 0)
    }

    var footerLines: [String] { lines(chart.caption, captionFont) + lines(noteText, captionFont) }

    /// Fits both axes and returns the plot insets.
    mutating func fitInsets() -> Insets {
        let tick = measurer.measure("0", font: theme.font(theme.tickSize)).height
        var insets = Insets(top: Self.pad + max(headerHeight, tick / 2 + 2), left: 50, bottom: 40, right: Self.pad)
        let footer = height(footerLines, captionFont)
        for _ in 0..<2 {
            let plotWidth = max(10, outer.width - insets.left - insets.right)
            let plotHeight = max(10, outer.height - insets.top - insets.bottom)
            yGuide.fit(length: plotHeight, maxDepth: outer.width * 0.3, measurer: measurer)
            xGuide.fit(length: plotWidth, maxDepth: outer.height * 0.3, measurer: measurer)
            insets.left = Self.pad + yGuide.thickness
            insets.bottom = Self.pad + xGuide.thickness + (footer > 0 ? footer + 6 : 0)
            var right = Self.pad
            let labelled = Array(zip(xGuide.ticks.major, xGuide.labels))
            if xGuide.showsLabels, let last = labelled.last, xGuide.rotation == 0 {
                let w = measurer.measure(last.1, font: xGuide.labelFont).width
                right = max(right, x.fraction(last.0) * plotWidth + w / 2 - plotWidth + 2)
            }
            if xGuide.showsLabels, let first = labelled.first {
                let w = measurer.measure(first.1, font: xGuide.labelFont).width
                let overhang = xGuide.rotation == 0 ? w / 2 - x.fraction(first.0) * plotWidth
                                                    : w * 0.75 - x.fraction(first.0) * plotWidth
                insets.left = max(insets.left, Self.pad + overhang)
            }
            if let colorBar { right = max(right, colorBar.width(height: plotHeight, measurer: measurer) + Self.pad) }
            if legendOutside, let legend { right += legend.size.width + 10 }
            insets.right = right
            if chart.legend == .bottom, let legend { insets.bottom += legend.size.height + 6 }
        }
        if chart.legend == .top, let legend { insets.top += legend.size.height + 6 }
        return insets
    }

    /// Decides the legend's place (inside when a corner is free) and returns final insets.
    mutating func prepare() -> Insets {
        var insets = fitInsets()
        if chart.legend == .automatic, let legend {
            let plot = plotRect(insets)
            if legend.insidePlacement(plot: plot, drawn: drawMarks(plot).commands) == nil {
                legendOutside = true
                insets = fitInsets()
            }
        }
        return insets
    }

    func plotRect(_ insets: Insets) -> Rect {
        outer.inset(top: insets.top, left: insets.left, bottom: insets.bottom, right: insets.right)
    }

    private func drawMarks(_ plot: Rect) -> (commands: [DrawCommand], labels: [PointLabel]) {
        var commands: [DrawCommand] = [], labels: [PointLabel] = [], texts: [Rect] = []
        var slot = 0
        for m in chart.marks {
            var context = PlotContext(frame: plot, x: x, y: y, theme: theme, measurer: measurer, firstSlot: slot)
            context.occupiedText = texts
            context.drawnBefore = commands
            context.xFormat = chart.x.format; context.yFormat = chart.y.format
            m.draw(in: &context)
            commands += context.commands
            texts += context.commands.compactMap { if case .text(let t) = $0 { t.frame } else { nil } }
            labels += context.pointLabels
            slot += m.paletteSlots
        }
        return (commands, labels)
    }

    /// Drawing commands for the chart with the given plot insets.
    func render(_ insets: Insets) -> [DrawCommand] {
        let plot = plotRect(insets)
        var out: [DrawCommand] = []
        if theme.plotBackground != theme.background { out.append(.path(.rect(plot), PathStyle(fill: theme.plotBackground))) }
        if let g = yGuide.grid(plot: plot) { out.append(g) }
        if let g = xGuide.grid(plot: plot) { out.append(g) }
        let (marks, labels) = drawMarks(plot)
        let legendBox = legend.map { legend in
            if chart.legend == .top {
                return Rect(x: plot.minX, y: plot.minY - 6 - legend.size.height, width: legend.size.width, height: legend.size.height)
            }
            if chart.legend == .bottom {
                return Rect(x: plot.minX, y: plot.maxY + xGuide.thickness + 4, width: legend.size.width, height: legend.size.height)
            }
            if legendOutside {
                let left = plot.maxX + (colorBar.map { $0.width(height: plot.height, measurer: measurer) } ?? 0) + 10
                return Rect(x: left, y: plot.minY, width: legend.size.width, height: legend.size.height)
            }
            return legend.insidePlacement(plot: plot, drawn: marks)
                ?? Rect(x: plot.maxX - 6 - legend.size.width, y: plot.minY + 6, width: legend.size.width, height: legend.size.height)
        }
        let placed = PointLabelPlacement(frame: plot, theme: theme, measurer: measurer)
            .place(labels, drawn: marks, legend: legendOutside || chart.legend == .top || chart.legend == .bottom ? nil : legendBox)
        out.append(.pushClip(plot.inset(top: -1, left: -1, bottom: -1, right: -1)))
        out += marks
        out.append(.popClip)
        out += placed
        let spine = PathStyle(stroke: theme.axisLine, lineWidth: theme.axisLineWidth, roundJoins: false)
        if theme.fullFrame { out.append(.path(.rect(plot), spine)) } else {
            out.append(.path(Path([.move(Point(plot.minX, plot.minY)), .line(Point(plot.minX, plot.maxY)),
                                   .line(Point(plot.maxX, plot.maxY))]), spine))
        }
        xGuide.draw(plot: plot, measurer: measurer, into: &out)
        yGuide.draw(plot: plot, measurer: measurer, into: &out)
        if isEmpty {
            out.append(.text(measurer.text("No data", font: theme.font(theme.labelSize), color: theme.mutedText,
                                           at: Point(plot.midX, plot.midY), horizontal: .middle, vertical: .middle)))
        }
        if let colorBar { colorBar.draw(plot: plot, measurer: measurer, into: &out) }
        if let legend, let legendBox { legend.draw(in: legendBox, measurer: measurer, into: &out) }
        drawHeaderAndFooter(plot: plot, into: &out)
        return out
    }

    private func drawHeaderAndFooter(plot: Rect, into out: inout [DrawCommand]) {
        var y = outer.minY + Self.pad
        let left = outer.minX + Self.pad
        let header = max(widest(chart.title, titleFont), widest(chart.subtitle, subtitleFont))
        let titleX = max(left, min(plot.minX, outer.maxX - Self.pad - header))
        for (text, font, color) in [(chart.title, titleFont, theme.text), (chart.subtitle, subtitleFont, theme.mutedText)] {
            for line in lines(text, font) {
                let item = measurer.text(line, font: font, color: color, at: Point(titleX, y), vertical: .top)
                out.append(.text(item)); y += item.extent.height
            }
        }
        let footer = footerLines
        var fy = outer.maxY - Self.pad - height(footer, captionFont)
        for line in footer {
            let item = measurer.text(line, font: captionFont, color: theme.mutedText, at: Point(left, fy), vertical: .top)
            out.append(.text(item)); fy += item.extent.height
        }
    }

    private func widest(_ text: String?, _ font: Font) -> Double {
        lines(text, font).map { measurer.measure($0, font: font).width }.max() ?? 0
    }
}
