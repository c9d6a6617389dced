/// Bars for categories: one series, several side by side (grouped) or on top of each other
/// (stacked); vertical or horizontal. The category axis becomes a band axis automatically.
public struct BarMark: Mark {
    public enum Arrangement: Sendable { case grouped, stacked }
    public enum Orientation: Sendable { case vertical, horizontal }

    /// One named row of values, one per category. A series with its own colour takes no
    /// palette slot, so the others keep the colours they have in charts without it.
    public struct Series: Sendable {
        public var label: String?
        public var values: [Double]
        public var color: Color?
        public init(_ label: String? = nil, values: [Double], color: Color? = nil) {
            self.label = label; self.values = values; self.color = color
        }
    }

    public var categories: [String]
    public var series: [Series]
    public var arrangement: Arrangement
    public var orientation: Orientation
    /// When set, each bar's value is written at its end in this format.
    public var valueLabels: TickFormat?

    public init(categories: [String], series: [Series], arrangement: Arrangement = .grouped,
                orientation: Orientation = .vertical, valueLabels: TickFormat? = nil) {
        self.categories = categories; self.series = series; self.arrangement = arrangement
        self.orientation = orientation; self.valueLabels = valueLabels
    }

    /// A single series of bars.
    public init(categories: [String], values: [Double], label: String? = nil, color: Color? = nil,
                orientation: Orientation = .vertical, valueLabels: TickFormat? = nil) {
        self.init(categories: categories, series: [Series(label, values: values, color: color)],
                  orientation: orientation, valueLabels: valueLabels)
    }

    public var paletteSlots: Int { series.filter { $0.color == nil }.count }

    /// The palette offset of series `k`: the uncoloured series before it.
    private func slot(_ k: Int) -> Int { series.prefix(k).filter { $0.color == nil }.count }

    public var bandCategories: (x: [String]?, y: [String]?) {
        orientation == .vertical ? (categories, nil) : (nil, categories)
    }

    public var extents: (x: Extent, y: Extent) {
        var band = Extent(), value = Extent()
        band.include(0); band.include(Double(max(0, categories.count - 1)))
        value.anchorsZero = true
        for i in categories.indices {
            var pos = 0.0, neg = 0.0
            for s in series where i < s.values.count && s.values[i].isFinite {
                let v = s.values[i]
                if arrangement == .stacked { if v >= 0 { pos += v } else { neg += v } } else { value.include(v) }
            }
            if arrangement == .stacked { value.include(pos); value.include(neg) }
        }
        return orientation == .vertical ? (band, value) : (value, band)
    }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        series.enumerated().compactMap { k, s in
            s.label.map { LegendEntry(label: $0, symbol: .swatch(s.color ?? theme.palette[firstSlot + slot(k)])) }
        }
    }

    public func draw(in context: inout PlotContext) {
        let vertical = orientation == .vertical
        let bandScale = vertical ? context.x : context.y
        let valueScale = vertical ? context.y : context.x
        let length = vertical ? context.frame.width : context.frame.height
        let bandWidth = bandScale.bandWidth * length
        let base: Double = if case .log(let lo, _) = valueScale { lo } else { 0 }
        let groups = arrangement == .grouped ? max(1, series.count) : 1
        let barWidth = bandWidth / Double(groups)
        let font = context.theme.font(context.theme.tickSize * 0.92)
        var pos = Array(repeating: 0.0, count: categories.count), neg = pos
        for (k, s) in series.enumerated() {
            let color = s.color ?? context.paletteColor(slot(k))
            var rects: [Path.Element] = []
            var labels: [TextItem] = []
            for i in categories.indices where i < s.values.count {
                let v = s.values[i]
                guard v.isFinite else { context.noteDropped(1, DropReason.nonFinite); continue }
                var from = base, to = v
                if arrangement == .stacked {
                    if v >= 0 { from = pos[i]; pos[i] += v; to = pos[i] } else { from = neg[i]; neg[i] += v; to = neg[i] }
                }
                let center = vertical ? context.px(Double(i)) : context.py(Double(i))
                let start = center - bandWidth / 2 + (arrangement == .grouped ? Double(k) * barWidth : 0)
                let a = vertical ? context.py(from) : context.px(from)
                var b = vertical ? context.py(to) : context.px(to)
                guard a.isFinite else { continue }
                if !b.isFinite { context.noteDropped(1, DropReason.logNonPositive); b = a }
                let rect = vertical
                    ? Rect(x: start, y: min(a, b), width: barWidth, height: abs(b - a))
                    : Rect(x: min(a, b), y: start, width: abs(b - a), height: barWidth)
                rects.append(.rect(rect))
                context.addHint(rect, [s.label, categories[i]].compactMap { $0 }.joined(separator: ", ") + ": "
                                + (vertical ? context.yFormat : context.xFormat).exact(v, band: valueScale))
                if let format = valueLabels {
                    let text = format.labels(for: Ticks(major: [v], step: 0), scale: valueScale)[0]
                    let extent = context.measurer.measure(text, font: font)
                    let fits = vertical ? extent.width <= barWidth + 6 : extent.height <= barWidth + 2
                    if fits && arrangement == .grouped {
                        labels.append(valueLabel(text, font: font, value: v, end: b, across: start + barWidth / 2,
                                               fill: color, context: context))
                    }
                }
            }
            context.add(Path(rects), PathStyle(fill: color, stroke: context.theme.plotBackground,
                                                lineWidth: barWidth > 6 ? 0.5 : 0, roundJoins: false))
            labels.forEach { context.add($0) }
        }
    }

    /// A value written just beyond the bar's end, or just inside it when outside would leave the plot.
    private func valueLabel(_ text: String, font: Font, value: Double, end: Double, across: Double, fill: Color,
                            context: PlotContext) -> TextItem {
        let vertical = orientation == .vertical
        // Outward: up for positive vertical bars, right for positive horizontal ones.
        let outward: Double = (value >= 0) == vertical ? -1 : 1
        func item(_ direction: Double, inside: Bool) -> TextItem {
            let ink = inside ? (fill.luminance > 0.35 ? Color(hex: 0x111111) : .white) : context.theme.mutedText
            let gap = vertical ? 2.0 : 3.0
            if vertical {
                return context.measurer.text(text, font: font, color: ink, at: Point(across, end + direction * gap),
                                             horizontal: .middle, vertical: direction < 0 ? .bottom : .top)
            }
            return context.measurer.text(text, font: font, color: ink, at: Point(end + direction * gap, across),
                                         horizontal: direction > 0 ? .start : .end, vertical: .middle)
        }
        let outside = item(outward, inside: false)
        return context.frame.contains(outside.frame) ? outside : item(-outward, inside: true)
    }
}
