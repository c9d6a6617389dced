/// A text label asked for next to one data point; placed after every mark of the chart is
/// drawn, so labels of all series avoid each other, every marker and the legend.
public struct PointLabel: Sendable {
    public var text: String
    public var point: Point
    /// The radius of the point's marker: the label keeps clear of it.
    public var clearance: Double

    public init(text: String, point: Point, clearance: Double) {
        self.text = text; self.point = point; self.clearance = clearance
    }
}

/// Places point labels over a whole plot at once (greedy, in the order asked).
///
/// Each label tries eight positions around its point (right, left, above, below, then the
/// diagonals), first where it covers nothing drawn, then where it crosses only lines. When
/// none fits it tries the same directions farther out, joined to its point by a thin leader
/// line; when that fails too the label is left out. A placed label never overlaps another
/// label, a marker, the legend, any other text, or the plot's edge.
struct PointLabelPlacement {
    let frame: Rect
    let theme: Theme
    let measurer: TextMeasurer

    /// The drawing commands for the labels that fit (and their leader lines).
    func place(_ labels: [PointLabel], drawn: [DrawCommand], legend: Rect?) -> [DrawCommand] {
        guard !labels.isEmpty else { return [] }
        let font = theme.font(theme.tickSize * 0.95)
        // Hard obstacles: every marker, every text already drawn, the legend box. A leader
        // line may cross markers, never text.
        var markers = labels.map { Self.box(around: $0.point, radius: $0.clearance) }
        var texts: [Rect] = legend.map { [$0.inset(top: -2, left: -2, bottom: -2, right: -2)] } ?? []
        for command in drawn {
            switch command {
            case .text(let t): texts.append(t.frame)
            case .path(let path, _):
                for case .circle(let p, let r) in path.elements { markers.append(Self.box(around: p, radius: r)) }
            default: break
            }
        }
        var lines = drawn.filter { if case .path = $0 { return true } else { return false } }
        var out: [DrawCommand] = []
        for label in labels where !label.text.isEmpty {
            let fits = { (item: TextItem) -> Bool in
                let f = item.frame
                return frame.contains(f) && !texts.contains { $0.intersects(f) } && !markers.contains { $0.intersects(f) }
            }
            let near = candidates(label, distance: label.clearance + 2, font: font).filter(fits)
            if let item = near.first(where: { !Occupancy.covers($0.frame, lines) }) ?? near.first {
                texts.append(item.frame)
                out.append(.text(item))
                continue
            }
            let far = candidates(label, distance: label.clearance + 14, font: font).filter { item in
                fits(item) && !texts.contains { Occupancy.segment(label.point, Self.nearest(item.frame, to: label.point), crosses: $0) }
            }
            guard let item = far.first(where: { !Occupancy.covers($0.frame, lines) }) ?? far.first else { continue }
            texts.append(item.frame)
            let end = Self.nearest(item.frame, to: label.point)
            let dx = end.x - label.point.x, dy = end.y - label.point.y
            let length = (dx * dx + dy * dy).squareRoot()
            let start = Point(label.point.x + dx / length * label.clearance, label.point.y + dy / length * label.clearance)
            let leader = DrawCommand.path(.segment(start, end), PathStyle(stroke: theme.mutedText, lineWidth: 0.5))
            lines.append(leader)
            out += [leader, .text(item)]
        }
        return out
    }

    /// Right, left, above, below, then the four diagonals, `distance` from the point.
    private func candidates(_ label: PointLabel, distance d: Double, font: Font) -> [TextItem] {
        let p = label.point, diagonal = d * 0.75
        let spots: [(Point, HorizontalAnchor, VerticalAnchor)] = [
            (Point(p.x + d, p.y), .start, .middle), (Point(p.x - d, p.y), .end, .middle),
            (Point(p.x, p.y - d), .middle, .bottom), (Point(p.x, p.y + d), .middle, .top),
            (Point(p.x + diagonal, p.y - diagonal), .start, .bottom), (Point(p.x - diagonal, p.y - diagonal), .end, .bottom),
            (Point(p.x + diagonal, p.y + diagonal), .start, .top), (Point(p.x - diagonal, p.y + diagonal), .end, .top),
        ]
        return spots.map { anchor, h, v in
            measurer.text(label.text, font: font, color: theme.text, at: anchor, horizontal: h, vertical: v)
        }
    }

    private static func box(around p: Point, radius r: Double) -> Rect {
        Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)
    }

    /// The point of `rect` closest to `p` (where a leader line ends).
    private static func nearest(_ rect: Rect, to p: Point) -> Point {
        Point(min(max(p.x, rect.minX), rect.maxX), min(max(p.y, rect.minY), rect.maxY))
    }
}
