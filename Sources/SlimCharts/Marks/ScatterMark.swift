/// Points at (x, y), optionally each with a text label placed where it overlaps nothing
/// (labels of all marks in a chart are placed together; see `PointLabel`).
public struct ScatterMark: Mark {
    public var x: [Double]
    public var y: [Double]
    /// One label per point, or nil; labels that cannot be placed clear of others, even with a
    /// leader line, are left out.
    public var pointLabels: [String]?
    public var label: String?
    public var color: Color?
    public var radius: Double

    public init(x: [Double], y: [Double], pointLabels: [String]? = nil, label: String? = nil,
                color: Color? = nil, radius: Double = 3.2) {
        self.x = x; self.y = y; self.pointLabels = pointLabels; self.label = label; self.color = color; self.radius = radius
    }

    public var extents: (x: Extent, y: Extent) { Extent.pairs(x, y) }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard let label else { return [] }
        var entry = LegendEntry(label: label, symbol: .dot(color ?? theme.palette[firstSlot]))
        entry.markerSlot = firstSlot
        return [entry]
    }

    public func draw(in context: inout PlotContext) {
        let c = color ?? context.paletteColor()
        let points = context.place(x, y)
        let visible = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        context.add(Path(visible.flatMap { context.theme.marker(context.firstSlot, at: points[$0], radius: radius) }),
                    PathStyle(fill: c.opacity(0.9), stroke: context.theme.plotBackground, lineWidth: 0.7))
        for i in visible {
            let name = [label, pointLabels.flatMap { i < $0.count && !$0[i].isEmpty ? $0[i] : nil }].compactMap { $0 }.joined(separator: " ")
            context.addHint(Rect(around: points[i], radius: radius + 1), context.hintText(name.isEmpty ? nil : name, x: x[i], y: y[i]))
        }
        guard let labels = pointLabels else { return }
        for i in visible where i < labels.count && !labels[i].isEmpty {
            context.add(PointLabel(text: labels[i], point: points[i], clearance: radius, color: c))
        }
    }
}
