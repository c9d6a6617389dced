import Testing
@testable import SlimCharts

/// The print theme tells series apart without colour: every series of a chart has its own
/// dash and its own marker shape, lines drawn without points included.
@Suite struct PrintMarkerTests {
    /// The shape of a marker path: circle, square, or the number of corners of a polygon.
    static func shape(_ elements: ArraySlice<Path.Element>) -> String {
        switch elements.first {
        case .circle: "circle"
        case .rect: "square"
        default:
            // Corners, and whether the first corner is above the next (a triangle up or down).
            if case .move(let a) = elements.first, case .line(let b) = elements.dropFirst().first {
                "polygon \(elements.count { if case .line = $0 { true } else { false } } + 1) \(a.y < b.y ? "apex up" : "apex down")"
            } else { "other" }
        }
    }

    @Test func fiveRunsWithoutPointsGetFiveDashesAndFiveMarkerShapes() {
        let x = Array(stride(from: 0.0, through: 30, by: 1))
        let marks: [any Mark] = (0..<5).map { k in
            RangeMark(x: x, y: x.map { $0 + Double(k) * 5 }, rangeStyle: .band, showsPoints: false, label: "run \(k)")
        }
        let scene = ChartRenderer(theme: .print).scene(Chart(x: Axis("epoch"), y: Axis("accuracy"), marks: marks),
                                                       size: Size(width: 480, height: 320))
        var dashes: [[Double]] = [], shapes: [String] = []
        for case .path(let path, let style) in scene.commands {
            if style.fill == nil, style.stroke != nil, style.lineWidth == Theme.print.lineWidth, path.elements.count > 20 {   // a run's line
                dashes.append(style.dash)
            }
            if style.fill != nil, path.elements.count > 5, case .circle = path.elements[0] {
                shapes.append("circle")
            } else if style.fill != nil, path.elements.count > 5 {
                // Markers of one series: several shapes in one path; the first one's shape.
                let end = path.elements.firstIndex { if case .close = $0 { true } else { false } } ?? 0
                shapes.append(Self.shape(path.elements[...end]))
            }
        }
        #expect(dashes.count == 5)
        let distinctDashes = Set(dashes).count
        #expect(distinctDashes == 5, "dashes: \(dashes)")
        #expect(Set(shapes).count == 5, "marker shapes: \(shapes)")
        // The legend shows each run's marker too.
        #expect(scene.texts.filter { $0.string.hasPrefix("run ") }.count == 5)
        // A light theme keeps plain lines: no markers on lines drawn without points.
        let light = ChartRenderer(theme: .light).scene(Chart(x: Axis("epoch"), y: Axis("accuracy"), marks: marks),
                                                        size: Size(width: 480, height: 320))
        let circlePaths = light.commands.filter { command in
            guard case .path(let p, let s) = command, s.fill != nil, p.elements.count >= 6 else { return false }
            return p.elements.allSatisfy { if case .circle = $0 { true } else { false } }
        }
        #expect(circlePaths.isEmpty)
    }

    @Test func scatterPointsTakeTheirSeriesShapeInPrint() {
        let marks: [any Mark] = [ScatterMark(x: [1, 2], y: [1, 2], label: "a"), ScatterMark(x: [1, 2], y: [2, 1], label: "b")]
        let scene = ChartRenderer(theme: .print).scene(Chart(x: Axis("x"), y: Axis("y"), marks: marks), size: Size(width: 400, height: 260))
        let rects = scene.commands.contains { if case .path(let p, let s) = $0, s.fill != nil, p.elements.count == 2,
                                                 case .rect = p.elements[0], case .rect = p.elements[1] { true } else { false } }
        #expect(rects, "the second series' points are squares in print")
    }
}
