/// A legend box: measured size, placement that avoids data, and drawing.
struct LegendGuide {
    let entries: [LegendEntry]
    let theme: Theme
    let size: Size
    static let padding = 6.0
    static let symbolWidth = 18.0

    var font: Font { theme.font(theme.legendSize) }
    var rowHeight: Double { theme.legendSize * 1.55 }

    init(entries: [LegendEntry], theme: Theme, measurer: TextMeasurer) {
        self.entries = entries; self.theme = theme
        let font = theme.font(theme.legendSize)
        let widest = entries.map { measurer.measure($0.label, font: font).width }.max() ?? 0
        size = Size(width: Self.padding * 2 + Self.symbolWidth + 6 + widest,
                    height: Self.padding * 2 + Double(entries.count) * theme.legendSize * 1.55)
    }

    /// The first corner of `plot` where the legend covers none of `drawn`; nil when all do.
    func insidePlacement(plot: Rect, drawn: [DrawCommand]) -> Rect? {
        let inset = 6.0
        guard size.width + 2 * inset <= plot.width * 0.6, size.height + 2 * inset <= plot.height * 0.7 else { return nil }
        let corners = [
            Rect(x: plot.maxX - inset - size.width, y: plot.minY + inset, width: size.width, height: size.height),
            Rect(x: plot.minX + inset, y: plot.minY + inset, width: size.width, height: size.height),
            Rect(x: plot.maxX - inset - size.width, y: plot.maxY - inset - size.height, width: size.width, height: size.height),
            Rect(x: plot.minX + inset, y: plot.maxY - inset - size.height, width: size.width, height: size.height),
        ]
        return corners.first { !Occupancy.covers($0.inset(top: -3, left: -3, bottom: -3, right: -3), drawn) }
    }

    func draw(in box: Rect, measurer: TextMeasurer, into commands: inout [DrawCommand]) {
        commands.append(.path(.rect(box), PathStyle(fill: theme.plotBackground.opacity(0.9), stroke: theme.grid,
                                                    lineWidth: 0.6, roundJoins: false)))
        for (i, entry) in entries.enumerated() {
            let cy = box.minY + Self.padding + (Double(i) + 0.5) * rowHeight
            let sx = box.minX + Self.padding
            switch entry.symbol {
            case .line(let c, let width, let dash, let marker):
                commands.append(.path(.segment(Point(sx, cy), Point(sx + Self.symbolWidth, cy)),
                                      PathStyle(stroke: c, lineWidth: width, dash: dash)))
                if marker {
                    commands.append(.path(Path(theme.marker(entry.markerSlot, at: Point(sx + Self.symbolWidth / 2, cy), radius: width * 1.5)),
                                          PathStyle(fill: c, stroke: theme.plotBackground, lineWidth: 0.6)))
                }
            case .swatch(let c):
                commands.append(.path(.rect(Rect(x: sx + 3, y: cy - 4.5, width: Self.symbolWidth - 6, height: 9)), PathStyle(fill: c)))
            case .dot(let c):
                commands.append(.path(Path(theme.marker(entry.markerSlot, at: Point(sx + Self.symbolWidth / 2, cy), radius: 3.2)), PathStyle(fill: c)))
            }
            commands.append(.text(measurer.text(entry.label, font: font, color: theme.text,
                                                at: Point(sx + Self.symbolWidth + 6, cy), vertical: .middle)))
        }
    }
}

/// Tests whether a rectangle would hide anything already drawn.
enum Occupancy {
    static func covers(_ box: Rect, _ drawn: [DrawCommand]) -> Bool {
        for command in drawn {
            switch command {
            case .path(let path, _):
                var last: Point?
                for e in path.elements {
                    switch e {
                    case .move(let p): if box.contains(p) { return true }; last = p
                    case .line(let p):
                        if let a = last, segment(a, p, crosses: box) { return true }
                        last = p
                    case .rect(let r): if r.width > 0, r.height > 0, r.intersects(box) { return true }
                    case .circle(let p, let radius):
                        if box.inset(top: -radius, left: -radius, bottom: -radius, right: -radius).contains(p) { return true }
                    case .close: break
                    }
                }
            case .text(let t): if t.frame.intersects(box) { return true }
            case .image(_, let r): if r.intersects(box) { return true }
            case .pushClip, .popClip, .hint: break
            }
        }
        return false
    }

    /// Liang–Barsky clipping: does segment a→b pass through the rectangle?
    static func segment(_ a: Point, _ b: Point, crosses r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 { if q < 0 { return false }; continue }
            let t = q / p
            if p < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
        }
        return t0 <= t1
    }
}
