/// Something drawn in a chart's plot area from data: lines, bars, cells, rules …
///
/// Marks report the data they span (so scales can be resolved across all marks), their
/// legend entries, and draw themselves into a `PlotContext`.
public protocol Mark: Sendable {
    /// The data span along x and y. Band axes use category indices 0, 1, 2 ….
    var extents: (x: Extent, y: Extent) { get }
    /// How many palette colours the mark uses when no colour is given.
    var paletteSlots: Int { get }
    /// Entries for the legend; `firstSlot` is the mark's first palette index.
    func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry]
    /// Appends drawing commands for the mark.
    func draw(in context: inout PlotContext)
    /// A colour scale to show beside the plot (heat maps).
    var colorScale: ColorScale? { get }
    /// Categories the mark places along x or y; such an axis becomes a band axis unless the
    /// chart says otherwise.
    var bandCategories: (x: [String]?, y: [String]?) { get }
}

extension Mark {
    public var paletteSlots: Int { 1 }
    public var colorScale: ColorScale? { nil }
    public var bandCategories: (x: [String]?, y: [String]?) { (nil, nil) }
}

/// A continuous mapping from values to colours, shown as a colour bar.
public struct ColorScale: Sendable {
    /// nil = the theme's sequential map.
    public var map: ColorMap?
    public var lower: Double
    public var upper: Double
    public var title: String?
    public var format: TickFormat
    /// −∞ (the log of 0) is a bucket of its own: `zeroColor`, a "0" swatch under the colour bar.
    public var zeroBucket: Bool
    /// The colour of the zero bucket: white, apart from every colour of the sequential maps.
    public static let zeroColor = Color.white
    public init(map: ColorMap?, lower: Double, upper: Double, title: String? = nil, format: TickFormat = .automatic,
                zeroBucket: Bool = false) {
        self.map = map; self.lower = lower; self.upper = upper; self.title = title; self.format = format
        self.zeroBucket = zeroBucket
    }
    public func color(for value: Double) -> Color {
        let map = self.map ?? .viridis
        if zeroBucket, value == -.infinity { return Self.zeroColor }
        guard value.isFinite else { return map.missing }
        return map.color(at: upper == lower ? 0.5 : (value - lower) / (upper - lower))
    }
}

/// One legend row: a label and the symbol that stands for it.
public struct LegendEntry: Sendable {
    public enum Symbol: Sendable {
        case line(Color, width: Double, dash: [Double], marker: Bool)
        case swatch(Color)
        case dot(Color)
    }
    public var label: String
    public var symbol: Symbol
    /// The palette slot whose marker shape a `.line` symbol with a marker shows (`Theme.marker`).
    public var markerSlot = 0
    public init(label: String, symbol: Symbol) { self.label = label; self.symbol = symbol }
}

/// What a mark needs while drawing: the plot frame, resolved scales, theme and output.
public struct PlotContext {
    public let frame: Rect
    public let x: Scale
    public let y: Scale
    public let theme: Theme
    public let measurer: TextMeasurer
    /// The mark's first palette index.
    public let firstSlot: Int
    public var commands: [DrawCommand] = []
    /// Counts of values that could not be drawn, by reason, summed into the scene's notes.
    public var dropped: [String: Int] = [:]
    /// Labels asked for next to points; the chart places them once all marks are drawn.
    public var pointLabels: [PointLabel] = []
    /// Frames of the text that marks drawn before this one put in the plot, for labels to
    /// keep clear of.
    public var occupiedText: [Rect] = []
    /// What marks drawn before this one put in the plot, for annotations to keep clear of data.
    public var drawnBefore: [DrawCommand] = []

    init(frame: Rect, x: Scale, y: Scale, theme: Theme, measurer: TextMeasurer, firstSlot: Int) {
        self.frame = frame; self.x = x; self.y = y; self.theme = theme; self.measurer = measurer
        self.firstSlot = firstSlot
    }

    /// Page x of data value `v`; NaN when it cannot be placed.
    public func px(_ v: Double) -> Double { frame.minX + x.fraction(v) * frame.width }

    /// Page y of data value `v`; band categories run top to bottom, numbers bottom to top.
    public func py(_ v: Double) -> Double {
        y.isBand ? frame.minY + y.fraction(v) * frame.height : frame.maxY - y.fraction(v) * frame.height
    }

    public func point(_ vx: Double, _ vy: Double) -> Point { Point(px(vx), py(vy)) }

    /// The palette colour `offset` slots after the mark's first.
    public func paletteColor(_ offset: Int = 0) -> Color { theme.palette[firstSlot + offset] }

    public mutating func add(_ path: Path, _ style: PathStyle) { commands.append(.path(path, style)) }
    public mutating func add(_ text: TextItem) { commands.append(.text(text)) }
    public mutating func add(_ label: PointLabel) { pointLabels.append(label) }

    /// How the chart's axes write values, for hints.
    public var xFormat: TickFormat = .automatic
    public var yFormat: TickFormat = .automatic

    /// A hover description of the data at `rect` (HTML only): `text`, or "x, y" written in the
    /// axes' formats with more digits than their ticks.
    public mutating func addHint(_ rect: Rect, _ text: String) {
        guard rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite else { return }
        commands.append(.hint(rect, text))
    }

    /// "label: x, y" for a point's hint.
    public func hintText(_ label: String?, x vx: Double?, y vy: Double) -> String {
        let parts = [vx.map { xFormat.exact($0, band: x) }, yFormat.exact(vy, band: y)].compactMap { $0 }
        return (label.map { $0 + ": " } ?? "") + parts.joined(separator: ", ")
    }

    /// Text on a translucent patch of the plot background, readable over data.
    public mutating func addWithHalo(_ text: TextItem) {
        let f = text.frame
        add(.rect(f.inset(top: -1, left: -2, bottom: -1, right: -2)), PathStyle(fill: theme.plotBackground.opacity(0.65)))
        add(text)
    }

    /// Records values that could not be placed: non-finite, or ≤ 0 on a log axis.
    public mutating func noteDropped(_ count: Int, _ reason: String) {
        if count > 0 { dropped[reason, default: 0] += count }
    }

    /// Counts why points are unplaceable and records it; returns the placeable page points.
    public mutating func place(_ xs: [Double], _ ys: [Double]) -> [Point] {
        var points: [Point] = []
        points.reserveCapacity(xs.count)
        var nonFinite = 0, nonPositive = 0
        for i in 0..<min(xs.count, ys.count) {
            let p = point(xs[i], ys[i])
            if !xs[i].isFinite || !ys[i].isFinite { nonFinite += 1 }
            else if !(p.x.isFinite && p.y.isFinite) { nonPositive += 1 }
            points.append(p)
        }
        noteDropped(nonFinite, DropReason.nonFinite)
        noteDropped(nonPositive, DropReason.logNonPositive)
        return points
    }
}

/// The reasons a value is left out, worded for the visible note.
/// `#` stands for the count.
enum DropReason {
    static let nonFinite = "# non-finite values (NaN/Inf) not shown"
    static let logNonPositive = "# values ≤ 0 not shown on the log axis"
    static let logBins = "# values ≤ 0 left out of the log bins"
    static let missingCells = "# non-finite cells (NaN/Inf) shown grey"

    /// The sentence for `count` values, singular when it is one.
    static func note(_ reason: String, count: Int) -> String {
        let text = reason.replacingOccurrences(of: "#", with: String(count))
        return count == 1 ? text.replacingOccurrences(of: "values", with: "value").replacingOccurrences(of: "cells", with: "cell") : text
    }
}
