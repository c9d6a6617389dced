import Foundation

/// A histogram of values in equal-width linear bins or equal-ratio log bins.
/// Non-finite values (and values ≤ 0 for log bins) are left out and counted in the notes; on
/// an x axis with a zero bucket (`ScaleSpec.log(zeroBucket: true)`) the values below the first
/// bin (zeros included) are drawn as one bar in its "0" slot instead.
public struct HistogramMark: Mark {
    public enum Binning: Sendable {
        case linear(count: Int)
        case log(count: Int)
        /// Explicit increasing bin edges.
        case edges([Double])
    }

    public let edges: [Double]
    public let counts: [Int]
    public var label: String?
    public var color: Color?
    public let droppedNonFinite: Int
    public let droppedNonPositive: Int
    /// Finite values below the first edge (with log bins: the values ≤ 0).
    public let below: Int

    public init(values: [Double], bins: Binning = .linear(count: 30), label: String? = nil, color: Color? = nil) {
        self.label = label; self.color = color
        let finite = values.filter(\.isFinite)
        droppedNonFinite = values.count - finite.count
        var usable = finite
        var edges: [Double]
        switch bins {
        case .linear(let n):
            let lo = finite.min() ?? 0, hi = finite.max() ?? 1
            let (a, b) = lo == hi ? (lo - 0.5, hi + 0.5) : (lo, hi)
            edges = (0...max(1, n)).map { a + (b - a) * Double($0) / Double(max(1, n)) }
        case .log(let n):
            usable = finite.filter { $0 > 0 }
            let lo = usable.min() ?? 1, hi = usable.max() ?? 10
            let (a, b) = lo == hi ? (log10(lo) - 0.5, log10(hi) + 0.5) : (log10(lo), log10(hi))
            edges = (0...max(1, n)).map { pow(10, a + (b - a) * Double($0) / Double(max(1, n))) }
        case .edges(let e):
            edges = e.count >= 2 ? e : [0, 1]
        }
        droppedNonPositive = finite.count - usable.count
        var counts = Array(repeating: 0, count: edges.count - 1)
        below = finite.count(where: { $0 < edges[0] })
        for v in usable {
            // Binary search for the bin; the last bin includes its right edge.
            var lo = 0, hi = edges.count - 1
            guard v >= edges[0], v <= edges[hi] else { continue }
            while hi - lo > 1 { let mid = (lo + hi) / 2; if v >= edges[mid] { lo = mid } else { hi = mid } }
            counts[lo] += 1
        }
        self.edges = edges; self.counts = counts
    }

    public var extents: (x: Extent, y: Extent) {
        var ex = Extent(), ey = Extent()
        ex.include(edges); ey.include(counts.map(Double.init))
        if below > 0 { ey.include(Double(below)) }
        ey.anchorsZero = true
        return (ex, ey)
    }

    public func legendEntries(theme: Theme, firstSlot: Int) -> [LegendEntry] {
        guard let label else { return [] }
        return [LegendEntry(label: label, symbol: .swatch((color ?? theme.palette[firstSlot]).opacity(0.8)))]
    }

    public func draw(in context: inout PlotContext) {
        context.noteDropped(droppedNonFinite, DropReason.nonFinite)
        let slot = context.x.zeroSlot
        if slot == nil { context.noteDropped(droppedNonPositive, DropReason.logBins) }
        let c = color ?? context.paletteColor()
        let base: Double = if case .log(let lo, _) = context.y { lo } else { 0 }
        var rects: [Path.Element] = []
        if let slot, below > 0 {
            let x0 = context.frame.minX + slot.lowerBound * context.frame.width, x1 = context.frame.minX + slot.upperBound * context.frame.width
            let y0 = context.py(base), y1 = context.py(Double(below))
            if y0.isFinite, y1.isFinite { rects.append(.rect(Rect(x: x0, y: y1, width: x1 - x0, height: y0 - y1))) }
        }
        for (i, n) in counts.enumerated() where n > 0 {
            let x0 = context.px(edges[i]), x1 = context.px(edges[i + 1])
            let y0 = context.py(base), y1 = context.py(Double(n))
            guard x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { continue }
            rects.append(.rect(Rect(x: x0, y: y1, width: x1 - x0, height: y0 - y1)))
        }
        let gap = (context.frame.width / Double(max(1, counts.count))) > 4 ? 0.6 : 0
        context.add(Path(rects), PathStyle(fill: c.opacity(0.85), stroke: context.theme.plotBackground,
                                            lineWidth: gap, roundJoins: false))
    }
}
