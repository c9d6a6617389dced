/// Nested quantile ribbons around a centre line, all in one colour: the widest band palest.
/// For distributions over time (e.g. 5–95 % and 25–75 % of a layer's values, and the median).
public struct QuantileBandMark: Mark {
    /// One ribbon: the lower and upper curve and its legend label.
    public struct Band: Sendable {
        public var lower: [Double]
        public var upper: [Double]
        public var label: String?
        public init(lower: [Double], upper: [Double], label: String? = nil) {
            self.lower = lower; self.upper = upper; self.label = label
        }
    }

    public var x: [Double]
    /// Outermost first.
    public var bands: [Band]
    public var center: [Double]
    public var centerLabel: String?
    public var color: Color?

    public init(x: [Double], bands: [Band], center: [Double], centerLabel: String? = nil, color: Color? = nil) {
        self.x = x; self.bands = bands; self.center = center; self.centerLabel = centerLabel; self.color = color
    }

    /// Opacity of band `i` of `count`: the outermost palest, inner ones darker.
    private func opacity(_ i: Int) -> Double { 0.16 + 0.16 * Double(i) }

    private var parts: (bands: [AreaMark], line: LineMark) {
        let c = color
        return (bands.enumerated().map { i, b in AreaMark(x: x, lower: b.lower, upper: b.upper, color: c, opacity: opacity(i)) },
                LineMark(x: x, y: center, color: c))
    }

    public var extents: (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        for e in parts.bands.map(\.extents) + [parts.line.extents] { ex.merge(e.x); ey.merge(e.y) }
        return (ex, ey)
    }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        let c = color ?? theme.palette[firstSlot]
        var entries = bands.enumerated().compactMap { i, b in
            b.label.map { LegendEntry(label: $0, symbol: .swatch(c.opacity(opacity(i)))) }
        }
        if let centerLabel {
            entries.append(LegendEntry(label: centerLabel, symbol: .line(c, width: theme.lineWidth, dash: [], marker: false)))
        }
        return entries
    }

    public func draw(in context: inout PlotContext) {
        for band in parts.bands { band.draw(in: &context) }
        parts.line.draw(in: &context)
    }
}
