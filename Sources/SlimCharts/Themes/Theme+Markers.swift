extension Theme {
    /// The marker of palette slot `slot` at `p`: a circle, or with `markerShapes` the slot's shape —
    /// circle, square, triangle up, diamond, triangle down, in turn — of about the same area.
    public func marker(_ slot: Int, at p: Point, radius r: Double) -> [Path.Element] {
        guard markerShapes else { return [.circle(p, radius: r)] }
        switch ((slot % 5) + 5) % 5 {
        case 1: return [.rect(Rect(around: p, radius: r * 0.9))]
        case 2: return [.move(Point(p.x, p.y - r * 1.2)), .line(Point(p.x + r * 1.1, p.y + r * 0.8)),
                        .line(Point(p.x - r * 1.1, p.y + r * 0.8)), .close]
        case 3: return [.move(Point(p.x, p.y - r * 1.25)), .line(Point(p.x + r * 1.25, p.y)),
                        .line(Point(p.x, p.y + r * 1.25)), .line(Point(p.x - r * 1.25, p.y)), .close]
        case 4: return [.move(Point(p.x, p.y + r * 1.2)), .line(Point(p.x + r * 1.1, p.y - r * 0.8)),
                        .line(Point(p.x - r * 1.1, p.y - r * 0.8)), .close]
        default: return [.circle(p, radius: r)]
        }
    }

    /// Where a line drawn without points carries markers when the theme tells series apart by
    /// shape (`markerShapes`): about `count` of the `visible` point indices, evenly spread and
    /// shifted by `slot`, so lines of different series do not put their markers at one x.
    /// Empty for themes that tell series apart by colour.
    public func sparseMarkers(_ visible: [Int], slot: Int, count: Int = 6) -> [Int] {
        guard markerShapes, !visible.isEmpty else { return [] }
        let step = max(1, visible.count / count)
        let offset = (((slot % 5) + 5) % 5) * step / 5
        return stride(from: offset, to: visible.count, by: step).map { visible[$0] }
    }
}
