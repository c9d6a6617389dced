/// A straight reference line across the plot at a data value, with an optional label —
/// thresholds, events, targets.
public struct RuleMark: Mark {
    public enum Orientation: Sendable { case vertical, horizontal }
    public var orientation: Orientation
    public var value: Double
    public var label: String?
    public var color: Color?
    public var dash: [Double]
    /// Whether the label also appears in the legend.
    public var inLegend: Bool

    /// A vertical line at x = `value`.
    public static func vertical(at value: Double, label: String? = nil, color: Color? = nil,
                                dash: [Double] = [4, 3], inLegend: Bool = false) -> RuleMark {
        RuleMark(orientation: .vertical, value: value, label: label, color: color, dash: dash, inLegend: inLegend)
    }

    /// A horizontal line at y = `value`.
    public static func horizontal(at value: Double, label: String? = nil, color: Color? = nil,
                                  dash: [Double] = [4, 3], inLegend: Bool = false) -> RuleMark {
        RuleMark(orientation: .horizontal, value: value, label: label, color: color, dash: dash, inLegend: inLegend)
    }

    public var extents: (x: Extent, y: Extent) {
        var e = Extent()
        e.include(value)
        return orientation == .vertical ? (e, Extent()) : (Extent(), e)
    }

    public var paletteSlots: Int { 0 }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard inLegend, let label else { return [] }
        return [LegendEntry(label: label, symbol: .line(color ?? theme.annotation, width: 1.2, dash: dash, marker: false))]
    }

    public func draw(in context: inout PlotContext) {
        let c = color ?? context.theme.annotation
        let f = context.frame
        let font = context.theme.font(context.theme.tickSize)
        switch orientation {
        case .vertical:
            let x = context.px(value)
            guard x.isFinite else { context.noteDropped(1, DropReason.logNonPositive); return }
            context.add(.segment(Point(x, f.minY), Point(x, f.maxY)), PathStyle(stroke: c, lineWidth: 1.2, dash: dash))
            if let label, !inLegend {
                // Label beside the line, flipped to the left near the right edge, at the first
                // height down the line where it covers neither an earlier label (rules close
                // together) nor drawn data (curves near the top); else the first clear of labels.
                let w = context.measurer.measure(label, font: font).width
                let right = x + 4 + w <= f.maxX
                var item = context.measurer.text(label, font: font, color: c, at: Point(right ? x + 4 : x - 4, f.minY + 3),
                                                 horizontal: right ? .start : .end, vertical: .top)
                // Too wide for either side (a narrow plot): inside the plot, across the line.
                item.anchor.x += max(0, f.minX - item.frame.minX)
                let step = item.frame.height + 2
                var clearOfLabels: TextItem?
                while true {
                    if !context.occupiedText.contains(where: { $0.intersects(item.frame) }) {
                        if !Occupancy.covers(item.frame, context.drawnBefore) { clearOfLabels = nil; break }
                        clearOfLabels = clearOfLabels ?? item
                    }
                    guard item.frame.maxY + step <= f.maxY else { break }
                    item.anchor.y += step
                }
                context.addWithHalo(clearOfLabels ?? item)
            }
        case .horizontal:
            let y = context.py(value)
            guard y.isFinite else { context.noteDropped(1, DropReason.logNonPositive); return }
            context.add(.segment(Point(f.minX, y), Point(f.maxX, y)), PathStyle(stroke: c, lineWidth: 1.2, dash: dash))
            if let label, !inLegend {
                let above = y - 16 >= f.minY
                context.addWithHalo(context.measurer.text(label, font: font, color: c, at: Point(f.maxX - 4, above ? y - 3 : y + 3),
                                                          horizontal: .end, vertical: above ? .bottom : .top))
            }
        }
    }
}

/// Text placed at a data position, for annotations.
public struct TextMark: Mark {
    public var x: Double
    public var y: Double
    public var text: String
    public var color: Color?
    public var horizontal: HorizontalAnchor
    public var vertical: VerticalAnchor

    public init(x: Double, y: Double, text: String, color: Color? = nil,
                horizontal: HorizontalAnchor = .start, vertical: VerticalAnchor = .bottom) {
        self.x = x; self.y = y; self.text = text; self.color = color; self.horizontal = horizontal; self.vertical = vertical
    }

    public var extents: (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        ex.include(x); ey.include(y)
        return (ex, ey)
    }
    public var paletteSlots: Int { 0 }
    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] { [] }

    public func draw(in context: inout PlotContext) {
        let p = context.point(x, y)
        guard p.x.isFinite, p.y.isFinite else { context.noteDropped(1, DropReason.nonFinite); return }
        let font = context.theme.font(context.theme.tickSize)
        var item = context.measurer.text(text, font: font, color: color ?? context.theme.text, at: p,
                                         horizontal: horizontal, vertical: vertical)
        // Keep the text inside the plot area.
        let fr = item.frame, f = context.frame
        item.anchor.x += max(0, f.minX - fr.minX) - max(0, fr.maxX - f.maxX)
        item.anchor.y += max(0, f.minY - fr.minY) - max(0, fr.maxY - f.maxY)
        context.add(item)
    }
}
