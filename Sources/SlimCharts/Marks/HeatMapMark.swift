import Foundation

/// A grid of coloured cells (rows × columns) with a colour bar beside the plot.
///
/// With labels an axis is a band axis (row 0 at the top); without, cells sit at numeric
/// positions `start + index × step` (row 0 at the bottom) so long axes get ordinary ticks.
public struct HeatMapMark: Mark {
    /// `values[row][column]`; NaN cells are drawn in the map's missing colour.
    public var values: [[Double]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var rowStart: Double
    public var rowStep: Double
    public var columnStart: Double
    public var columnStep: Double
    public var colorMap: ColorMap?
    /// Fixed colour range; nil = the finite data's range.
    public var range: ClosedRange<Double>?
    public var colorTitle: String?
    public var colorFormat: TickFormat
    /// When set, each cell large enough shows its value in this format.
    public var cellLabels: TickFormat?
    /// What NaN cells mean, for the chart's note ("grey: pruned channels"); nil = the generic
    /// count of non-finite cells.
    public var missingNote: String?
    /// −∞ cells (the log of 0 in a map of logarithms) take the colour bar's "0" bucket instead
    /// of the missing colour.
    public var zeroBucket: Bool

    public init(values: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                rowStart: Double = 0, rowStep: Double = 1, columnStart: Double = 0, columnStep: Double = 1,
                colorMap: ColorMap? = nil, range: ClosedRange<Double>? = nil, colorTitle: String? = nil,
                colorFormat: TickFormat = .automatic, cellLabels: TickFormat? = nil, missingNote: String? = nil,
                zeroBucket: Bool = false) {
        self.zeroBucket = zeroBucket
        self.values = values; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.rowStart = rowStart; self.rowStep = rowStep; self.columnStart = columnStart; self.columnStep = columnStep
        self.colorMap = colorMap; self.range = range; self.colorTitle = colorTitle
        self.colorFormat = colorFormat; self.cellLabels = cellLabels; self.missingNote = missingNote
    }

    var rows: Int { values.count }
    var columns: Int { values.map(\.count).max() ?? 0 }

    public var paletteSlots: Int { 0 }
    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] { [] }
    public var bandCategories: (x: [String]?, y: [String]?) { (columnLabels, rowLabels) }

    public var extents: (x: Extent, y: Extent) {
        let rows = rows, columns = columns
        var ex = Extent(), ey = Extent()
        guard rows > 0, columns > 0 else { return (ex, ey) }
        if columnLabels != nil { ex.include(0); ex.include(Double(max(0, columns - 1))) } else {
            ex.include(columnStart - columnStep / 2); ex.include(columnStart + (Double(columns) - 0.5) * columnStep)
        }
        if rowLabels != nil { ey.include(0); ey.include(Double(max(0, rows - 1))) } else {
            ey.include(rowStart - rowStep / 2); ey.include(rowStart + (Double(rows) - 0.5) * rowStep)
        }
        ex.tight = true; ey.tight = true
        return (ex, ey)
    }

    /// The colour range in use.
    public var valueRange: ClosedRange<Double> {
        if let range { return range }
        var e = Extent()
        for row in values { e.include(row) }
        if e.isEmpty { return 0...1 }
        return e.lower == e.upper ? (e.lower - 0.5)...(e.upper + 0.5) : e.lower...e.upper
    }

    public var colorScale: ColorScale? {
        let r = valueRange
        return ColorScale(map: colorMap, lower: r.lowerBound, upper: r.upperBound,
                          title: colorTitle, format: colorFormat, zeroBucket: zeroBucket)
    }

    /// Heat maps with at most this many cells get a hover value per cell in HTML.
    static let hintedCells = 2_000

    public func draw(in context: inout PlotContext) {
        // `columns` scans every row: computed once, or drawing is quadratic in the rows.
        let rows = rows, columns = columns
        guard rows > 0, columns > 0 else { return }
        var scale = colorScale!
        scale.map = colorMap ?? context.theme.sequential
        let bandRows = rowLabels != nil
        var pixels: [Color] = []
        pixels.reserveCapacity(rows * columns)
        var nonFinite = 0
        for r in 0..<rows {
            let row = values[bandRows ? r : rows - 1 - r]
            for c in 0..<columns {
                let v = c < row.count ? row[c] : .nan
                if !v.isFinite && !(zeroBucket && v == -.infinity) { nonFinite += 1 }
                pixels.append(scale.color(for: v))
            }
        }
        context.noteDropped(nonFinite, missingNote ?? DropReason.missingCells)
        let x0 = columnLabels != nil ? context.px(-0.5) : context.px(columnStart - columnStep / 2)
        let x1 = columnLabels != nil ? context.px(Double(columns) - 0.5)
                                      : context.px(columnStart + (Double(columns) - 0.5) * columnStep)
        let y0 = bandRows ? context.py(-0.5) : context.py(rowStart + (Double(rows) - 0.5) * rowStep)
        let y1 = bandRows ? context.py(Double(rows) - 0.5) : context.py(rowStart - rowStep / 2)
        guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        context.commands.append(.image(RasterImage(width: columns, height: rows, pixels: pixels), rect))
        let cellW = rect.width / Double(columns), cellH = rect.height / Double(rows)
        // A hover value per cell where cells are few enough to point at (labelled maps);
        // a dense numeric map would carry tens of thousands.
        if rows * columns <= Self.hintedCells {
            for r in 0..<rows {
                let row = values[bandRows ? r : rows - 1 - r]
                for c in 0..<min(columns, row.count) {
                    let where_ = [rowLabels.map { $0[r] }, columnLabels.map { $0[c] }].compactMap { $0 }.joined(separator: ", ")
                    let value = row[c].isFinite ? (cellLabels ?? colorFormat).exact(row[c], band: .linear(lower: 0, upper: 1)) : "no value"
                    context.addHint(Rect(x: rect.minX + Double(c) * cellW, y: rect.minY + Double(r) * cellH, width: cellW, height: cellH),
                                    (where_.isEmpty ? "" : where_ + ": ") + value)
                }
            }
        }
        guard let format = cellLabels else { return }
        let font = context.theme.font(min(context.theme.tickSize, cellH * 0.6))
        for r in 0..<rows {
            let row = values[bandRows ? r : rows - 1 - r]
            for c in 0..<min(columns, row.count) where row[c].isFinite {
                let text = format.labels(for: Ticks(major: [row[c]], step: 0), scale: .linear(lower: 0, upper: 1))[0]
                let extent = context.measurer.measure(text, font: font)
                guard extent.width + 3 <= cellW, extent.height <= cellH + 1 else { continue }
                let fill = scale.color(for: row[c])
                let ink = fill.luminance > 0.35 ? Color(hex: 0x111111) : Color.white
                context.add(context.measurer.text(text, font: font, color: ink,
                                                  at: Point(rect.minX + (Double(c) + 0.5) * cellW, rect.minY + (Double(r) + 0.5) * cellH),
                                                  horizontal: .middle, vertical: .middle))
            }
        }
    }
}
