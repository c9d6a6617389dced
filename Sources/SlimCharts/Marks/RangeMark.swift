/// A series of points with a range around each — a mean with its min–max, a value with its
/// standard error — drawn in one colour: the range as error bars or as a band, the points
/// optionally joined in order and labelled. One palette slot, one legend entry, so every part of
/// a series keeps the colour the series has elsewhere.
public struct RangeMark: Mark {
    public enum RangeStyle: Sendable { case errorBars, band }
    public var x: [Double]
    public var y: [Double]
    /// Per point the range's ends; nil (or a non-finite end) draws no range for that point.
    public var lower: [Double]?
    public var upper: [Double]?
    public var rangeStyle: RangeStyle
    /// Join the points in order with a line (non-finite points break it).
    public var connected: Bool
    public var showsPoints: Bool
    /// One label per point (empty for none), placed like `ScatterMark`'s.
    public var pointLabels: [String]?
    public var label: String?
    public var color: Color?

    public init(x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                rangeStyle: RangeStyle = .errorBars, connected: Bool = true, showsPoints: Bool = true,
                pointLabels: [String]? = nil, label: String? = nil, color: Color? = nil) {
        self.x = x; self.y = y; self.lower = lower; self.upper = upper; self.rangeStyle = rangeStyle
        self.connected = connected; self.showsPoints = showsPoints; self.pointLabels = pointLabels
        self.label = label; self.color = color
    }

    public var extents: (x: Extent, y: Extent) {
        var (ex, ey) = Extent.pairs(x, y)
        for ends in [lower, upper].compactMap({ $0 }) {
            for (xi, v) in zip(x, ends) where xi.isFinite && v.isFinite { ey.include(v) }
        }
        return (ex, ey)
    }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard let label else { return [] }
        var entry = LegendEntry(label: label, symbol: .line(color ?? theme.palette[firstSlot], width: theme.lineWidth,
                                                            dash: connected ? theme.lineDash(firstSlot) : [],
                                                            marker: showsPoints || (connected && theme.markerShapes)))
        entry.markerSlot = firstSlot
        return [entry]
    }

    public func draw(in context: inout PlotContext) {
        let c = color ?? context.paletteColor()
        let w = context.theme.lineWidth
        let points = context.place(x, y)
        if let lower, let upper {
            let lo = context.place(x, lower), hi = context.place(x, upper)
            switch rangeStyle {
            case .band:
                context.commands += AreaMark(x: x, lower: lower, upper: upper, color: c, opacity: 0.2).drawn(in: context)
            case .errorBars:
                var bars: [Path.Element] = []
                for i in 0..<min(points.count, lo.count, hi.count) {
                    let a = lo[i], b = hi[i]
                    guard a.x.isFinite, a.y.isFinite, b.y.isFinite, abs(a.y - b.y) > 0.5 else { continue }
                    bars += [.move(Point(a.x, a.y)), .line(Point(a.x, b.y)),
                             .move(Point(a.x - 2.5, a.y)), .line(Point(a.x + 2.5, a.y)),
                             .move(Point(a.x - 2.5, b.y)), .line(Point(a.x + 2.5, b.y))]
                }
                if !bars.isEmpty { context.add(Path(bars), PathStyle(stroke: c, lineWidth: max(0.8, w * 0.6))) }
            }
        }
        if connected {
            context.add(.polyline(points), PathStyle(stroke: c, lineWidth: w, dash: context.theme.lineDash(context.firstSlot)))
        }
        let visible = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        let radius = w * 1.9
        let marked = showsPoints ? visible : connected ? context.theme.sparseMarkers(visible, slot: context.firstSlot) : []
        if !marked.isEmpty {
            context.add(Path(marked.flatMap { context.theme.marker(context.firstSlot, at: points[$0], radius: radius) }),
                        PathStyle(fill: c, stroke: context.theme.plotBackground, lineWidth: 0.7))
        }
        if showsPoints {
            for i in visible {
                var text = context.hintText(label, x: x[i], y: y[i])
                if let lo = lower?[i], let hi = upper?[i], lo.isFinite, hi.isFinite {
                    text += " (\(context.yFormat.exact(lo, band: context.y))–\(context.yFormat.exact(hi, band: context.y)))"
                }
                context.addHint(Rect(around: points[i], radius: radius + 1), text)
            }
        }
        guard let labels = pointLabels else { return }
        for i in visible where i < labels.count && !labels[i].isEmpty {
            context.add(PointLabel(text: labels[i], point: points[i], clearance: showsPoints ? radius : 1, color: c))
        }
    }
}

extension Mark {
    /// The commands this mark draws in `context`'s frame and scales (for marks drawn as part of another).
    func drawn(in context: PlotContext) -> [DrawCommand] {
        var inner = PlotContext(frame: context.frame, x: context.x, y: context.y, theme: context.theme,
                                measurer: context.measurer, firstSlot: context.firstSlot)
        draw(in: &inner)
        return inner.commands
    }
}
