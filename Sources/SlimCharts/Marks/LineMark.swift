import Foundation

/// A line through (x, y) points, optionally with a dot on each point.
/// Non-finite points break the line and are counted in the scene's notes.
public struct LineMark: Mark {
    public var x: [Double]
    public var y: [Double]
    public var label: String?
    public var color: Color?
    public var width: Double?
    public var dash: [Double]
    public var showsPoints: Bool

    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, width: Double? = nil,
                dash: [Double] = [], showsPoints: Bool = false) {
        self.x = x; self.y = y; self.label = label; self.color = color; self.width = width
        self.dash = dash; self.showsPoints = showsPoints
    }

    public var extents: (x: Extent, y: Extent) { Extent.pairs(x, y) }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard let label else { return [] }
        var entry = LegendEntry(label: label, symbol: .line(color ?? theme.palette[firstSlot], width: width ?? theme.lineWidth,
                                                            dash: dash.isEmpty ? theme.lineDash(firstSlot) : dash,
                                                            marker: showsPoints || (dash.isEmpty && theme.markerShapes)))
        entry.markerSlot = firstSlot
        return [entry]
    }

    public func draw(in context: inout PlotContext) {
        let c = color ?? context.paletteColor()
        let points = context.place(x, y)
        let w = width ?? context.theme.lineWidth
        let pattern = dash.isEmpty ? context.theme.lineDash(context.firstSlot) : dash
        context.add(.polyline(points), PathStyle(stroke: c, lineWidth: w, dash: pattern,
                                                 roundJoins: !Self.isDense(points, lineWidth: w)))
        let visible = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
        // A line with its own dash is a reference (a diagonal, a target), not a series: no markers.
        let marked = showsPoints ? visible : dash.isEmpty ? context.theme.sparseMarkers(visible, slot: context.firstSlot) : []
        if !marked.isEmpty {
            let dots = marked.flatMap { context.theme.marker(context.firstSlot, at: points[$0], radius: w * 1.5) }
            context.add(Path(dots), PathStyle(fill: c, stroke: context.theme.plotBackground, lineWidth: 0.6))
        }
        if showsPoints {
            for (i, p) in points.enumerated() where p.x.isFinite && p.y.isFinite {
                context.addHint(Rect(around: p, radius: w * 1.5 + 1), context.hintText(label, x: x[i], y: y[i]))
            }
        }
    }
}

extension LineMark {
    /// True when the segments are on average shorter than twice the line width: the joins
    /// then hide inside the stroke, and bevel joins draw several times faster than round ones.
    static func isDense(_ points: [Point], lineWidth: Double) -> Bool {
        var length = 0.0, segments = 0
        for (a, b) in zip(points, points.dropFirst()) where a.x.isFinite && a.y.isFinite && b.x.isFinite && b.y.isFinite {
            length += hypot(b.x - a.x, b.y - a.y)
            segments += 1
        }
        return segments > 0 && length / Double(segments) < 2 * lineWidth
    }
}

/// A filled band between a lower and an upper curve (quantile ribbons, confidence bands).
public struct AreaMark: Mark {
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var label: String?
    public var color: Color?
    public var opacity: Double

    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil,
                opacity: Double = 0.25) {
        self.x = x; self.lower = lower; self.upper = upper; self.label = label; self.color = color; self.opacity = opacity
    }

    /// An area from a baseline of zero up to `y`.
    public init(x: [Double], y: [Double], label: String? = nil, color: Color? = nil, opacity: Double = 0.25) {
        self.init(x: x, lower: Array(repeating: 0, count: y.count), upper: y, label: label, color: color, opacity: opacity)
    }

    private var count: Int { min(x.count, lower.count, upper.count) }

    public var extents: (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        for i in 0..<count where x[i].isFinite && lower[i].isFinite && upper[i].isFinite {
            ex.include(x[i]); ey.include(lower[i]); ey.include(upper[i])
        }
        return (ex, ey)
    }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, symbol: .swatch((color ?? theme.palette[firstSlot]).opacity(max(opacity, 0.35))))]
    }

    public func draw(in context: inout PlotContext) {
        let c = color ?? context.paletteColor()
        let top = context.place(Array(x.prefix(count)), Array(upper.prefix(count)))
        let bottom = context.place(Array(x.prefix(count)), Array(lower.prefix(count)))
        // Each finite run becomes its own closed polygon so gaps stay gaps.
        var elements: [Path.Element] = []
        var run: [Int] = []
        func flush() {
            guard run.count >= 2 else { run = []; return }
            elements.append(.move(top[run[0]]))
            for i in run.dropFirst() { elements.append(.line(top[i])) }
            for i in run.reversed() { elements.append(.line(bottom[i])) }
            elements.append(.close)
            run = []
        }
        for i in 0..<count {
            let ok = top[i].x.isFinite && top[i].y.isFinite && bottom[i].y.isFinite
            if ok { run.append(i) } else { flush() }
        }
        flush()
        context.add(Path(elements), PathStyle(fill: c.opacity(opacity)))
    }
}
