/// One axis of a chart, as the author describes it.
public struct Axis: Sendable {
    public var title: String?
    /// nil = automatic: a band axis when a mark names categories along it, else linear.
    public var scale: ScaleSpec?
    public var format: TickFormat
    public var grid: Bool
    /// Ticks only at whole numbers (epochs, counts): steps of 1, 2, 5, 10 …, never 2.5.
    public var wholeNumbers: Bool

    public init(_ title: String? = nil, scale: ScaleSpec? = nil, format: TickFormat = .automatic, grid: Bool = true,
                wholeNumbers: Bool = false) {
        self.title = title; self.scale = scale; self.format = format; self.grid = grid; self.wholeNumbers = wholeNumbers
    }
}

/// Where the legend goes.
public enum LegendPosition: Sendable {
    /// Inside the plot in the first corner (top-right, top-left, bottom-right, bottom-left)
    /// that covers no data; outside on the right when every corner would.
    case automatic
    case right
    /// Above the plot, under the titles.
    case top
    /// Under the x axis.
    case bottom
    case hidden
}

/// A chart as a value: data in marks, axes, titles and legend placement. Rendering is separate.
public struct Chart: Sendable {
    public var title: String?
    public var subtitle: String?
    /// Text under the chart; wrapped to its width.
    public var caption: String?
    public var x: Axis
    public var y: Axis
    public var marks: [any Mark]
    public var legend: LegendPosition

    public init(title: String? = nil, subtitle: String? = nil, x: Axis = Axis(), y: Axis = Axis(),
                marks: [any Mark], legend: LegendPosition = .automatic, caption: String? = nil) {
        self.title = title; self.subtitle = subtitle; self.x = x; self.y = y; self.marks = marks
        self.legend = legend; self.caption = caption
    }

    /// The data extents of all marks merged, per axis.
    var extents: (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        for m in marks {
            let e = m.extents
            ex.merge(e.x); ey.merge(e.y)
        }
        return (ex, ey)
    }

    /// The scale spec in force for each axis after applying the band-axis rule.
    var scaleSpecs: (x: ScaleSpec, y: ScaleSpec) {
        func spec(_ axis: Axis, _ categories: [String]?) -> ScaleSpec {
            if let s = axis.scale { return s }
            if let c = categories { return .band(categories: c) }
            return .linear()
        }
        let xs = marks.lazy.compactMap { $0.bandCategories.x }.first
        let ys = marks.lazy.compactMap { $0.bandCategories.y }.first
        return (spec(x, xs), spec(y, ys))
    }

    /// The legend rows of every mark, palette slots assigned in mark order.
    func legendEntries(theme: Theme) -> [LegendEntry] {
        var entries: [LegendEntry] = []
        var slot = 0
        for m in marks {
            entries += m.legendEntries(theme: theme, firstSlot: slot)
            slot += m.paletteSlots
        }
        return entries
    }

    /// Scales resolved from the marks' data.
    public func resolvedScales() -> (x: Scale, y: Scale) {
        let e = extents, s = scaleSpecs
        return (s.x.resolve(e.x), s.y.resolve(e.y))
    }
}
