/// A text label asked for next to one data point; placed after every mark of the chart is
/// drawn, so labels of all series avoid each other, every marker and the legend.
public struct PointLabel: Sendable {
    public var text: String
    public var point: Point
    /// The radius of the point's marker: the label keeps clear of it.
    public var clearance: Double
    /// The series' colour, for the text and its leader line (nil: the theme's text colour), so
    /// a label reads as its series' even among other series' points.
    public var color: Color?

    public init(text: String, point: Point, clearance: Double, color: Color? = nil) {
        self.text = text; self.point = point; self.clearance = clearance; self.color = color
    }
}

/// Places point labels over a whole plot at once (greedy, in the order asked).
///
/// Each label tries eight positions around its point (right, left, above, below, then the
/// diagonals), first where it covers nothing drawn, then where it crosses only lines. When
/// none fits it tries the same directions farther out, joined to its point by a thin leader
/// line; when that fails too the label is left out. A placed label never overlaps another
/// label, a marker, the legend, any other text, or the plot's edge, and never sits nearer to
/// another labelled point than to its own (where series crowd, a label that would read as a
/// neighbour's is left out and the legend carries the meaning).
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
            case .path(let path, let style):
                for element in path.elements {
                    switch element {
                    case .circle(let p, let r): markers.append(Self.box(around: p, radius: r))
                    // Square markers (print); large filled rectangles are bars and areas.
                    case .rect(let r) where style.fill != nil && r.width <= 12 && r.height <= 12: markers.append(r)
                    default: break
                    }
                }
            default: break
            }
        }
        var lines = drawn.filter { if case .path = $0 { return true } else { return false } }
        var out: [DrawCommand] = []
        let others: [Point] = labels.map(\.point)
        for label in labels where !label.text.isEmpty {
            let fits = { (item: TextItem) -> Bool in
                let f = item.frame
                guard frame.contains(f), !texts.contains(where: { $0.intersects(f) }), !markers.contains(where: { $0.intersects(f) }) else {
                    return false
                }
                let own: Double = Self.distance(f, label.point) - 0.5
                return !others.contains { (p: Point) -> Bool in (p.x != label.point.x || p.y != label.point.y) && Self.distance(f, p) < own }
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
            let leader = DrawCommand.path(.segment(start, end), PathStyle(stroke: label.color ?? theme.mutedText, lineWidth: 0.5))
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
            measurer.text(label.text, font: font, color: label.color ?? theme.text, at: anchor, horizontal: h, vertical: v)
        }
    }

    private static func box(around p: Point, radius r: Double) -> Rect {
        Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r)
    }

    /// How far `p` is from `rect` (0 inside it).
    private static func distance(_ rect: Rect, _ p: Point) -> Double {
        let q = nearest(rect, to: p)
        return ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
    }

    /// The point of `rect` closest to `p` (where a leader line ends).
    private static func nearest(_ rect: Rect, to p: Point) -> Point {
        Point(min(max(p.x, rect.minX), rect.maxX), min(max(p.y, rect.minY), rect.maxY))
    }
}
