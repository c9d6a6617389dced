import Foundation
import Testing
@testable import SlimCharts

@Suite("Point labels placed over the whole plot")
struct PointLabelTests {
    let renderer = ChartRenderer()
    let size = Size(width: 480, height: 300)

    /// Four runs of three passes each, crowded together as in an accuracy-vs-FLOPs comparison,
    /// every series labelling its points p0, p1, p2.
    func crowdedComparison() -> Chart {
        let marks = (0..<4).map { run in
            let flops = (0..<3).map { 4e8 * (1 - 0.3 * Double($0)) + Double(run) * 2e6 }
            let accuracy = (0..<3).map { 0.95 - 0.004 * Double($0) - 0.0003 * Double(run) }
            return ScatterMark(x: flops, y: accuracy, pointLabels: ["p0", "p1", "p2"], label: "λ = 1e-\(run + 3)")
        }
        return Chart(x: Axis("FLOPs"), y: Axis("accuracy"), marks: marks)
    }

    func labels(_ scene: Scene) -> [TextItem] { scene.texts.filter { $0.string.hasPrefix("p") } }

    func markers(_ scene: Scene) -> [Rect] {
        scene.commands.flatMap { command -> [Rect] in
            guard case .path(let path, _) = command else { return [] }
            return path.elements.compactMap { e in
                if case .circle(let p, let r) = e, r > 3 { return Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r) }
                return nil
            }
        }
    }

    /// In a crowd no label sits nearer another series' point than its own (it would read as
    /// the neighbour's), and each is drawn in its series' colour.
    @Test func labelsReadAsTheirOwnSeries() {
        let scene = renderer.scene(crowdedComparison(), size: size)
        // Data points with the colour of their series (fills are drawn at 90 % opacity).
        var points: [(Point, Color)] = []
        for case .path(let path, let style) in scene.commands {
            guard let fill = style.fill else { continue }
            for case .circle(let p, let r) in path.elements where r > 3 { points.append((p, fill.opacity(1))) }
        }
        let palette = (0..<4).map { Theme.light.palette[$0] }
        let placed = labels(scene)
        #expect(placed.count >= 8)
        for text in placed {
            #expect(palette.contains(text.color), "label \(text.string) is not in a series' colour")
            let f = text.frame
            func distance(_ p: Point) -> Double {
                hypot(min(max(p.x, f.minX), f.maxX) - p.x, min(max(p.y, f.minY), f.maxY) - p.y)
            }
            let nearest = points.min { distance($0.0) < distance($1.0) }
            #expect(nearest?.1 == text.color, "label \(text.string) at \(f) is nearer another series' point")
        }
    }

    @Test func labelsOfDifferentSeriesNeverOverlap() {
        let scene = renderer.scene(crowdedComparison(), size: size)
        let overlaps = SceneChecks.overlappingTexts(scene)
        #expect(overlaps.isEmpty, "overlapping texts: \(overlaps)")
        // Most labels still find a place (directly or with a leader line).
        #expect(labels(scene).count >= 8)
        for run in 0..<4 { #expect(scene.texts.contains { $0.string == "λ = 1e-\(run + 3)" }) }
    }

    @Test func labelsAvoidEveryMarkerAndTheLegend() {
        let scene = renderer.scene(crowdedComparison(), size: size)
        let legendTexts = scene.texts.filter { $0.string.hasPrefix("λ") }.map(\.frame)
        let legend = legendTexts.dropFirst().reduce(legendTexts[0]) { $0.union($1) }
        for label in labels(scene) {
            #expect(!label.frame.intersects(legend), "\(label.string) on the legend")
            for marker in markers(scene) {
                #expect(!label.frame.intersects(marker), "\(label.string) covers a marker")
            }
        }
    }

    func leaderLines(_ scene: Scene) -> [Path] {
        scene.commands.compactMap { command in
            if case .path(let path, let style) = command, style.lineWidth == 0.5, path.elements.count == 2 { return path }
            return nil
        }
    }

    @Test func aLabelHemmedInByMarkersGetsALeaderLine() {
        // A ring of unlabelled points around the labelled one blocks every spot next to it.
        let ring = (0..<8).map { Double($0) * Double.pi / 4 }
        let x = [0, 100, 50] + ring.map { 50 + 2 * cos($0) }, y = [0, 100, 50] + ring.map { 50 + 3.5 * sin($0) }
        let names = ["", "", "centre"] + Array(repeating: "", count: 8)
        let scene = renderer.scene(Chart(marks: [ScatterMark(x: x, y: y, pointLabels: names)]), size: size)
        let label = try! #require(scene.texts.first { $0.string == "centre" })
        let leaders = leaderLines(scene)
        #expect(leaders.count == 1)
        // The leader runs from the marker's edge to the label's box.
        if let end = leaders.first?.vertices.last {
            #expect(label.frame.inset(top: -0.01, left: -0.01, bottom: -0.01, right: -0.01).contains(end))
        }
    }

    @Test func labelsThatCannotBePlacedAreLeftOut() {
        // Twenty points on one spot: the ring of spots around it fills up, the rest are left out.
        let x = Array(repeating: 1.0, count: 20), y = Array(repeating: 1.0, count: 20)
        let chart = Chart(marks: [ScatterMark(x: x, y: y, pointLabels: x.indices.map { "run \($0)" })])
        let scene = renderer.scene(chart, size: size)
        #expect(SceneChecks.overlappingTexts(scene).isEmpty)
        let placed = scene.texts.filter { $0.string.hasPrefix("run ") }.count
        #expect(placed >= 4 && placed < 20)
    }
}
