@testable import SlimCharts

/// Layout properties every scene must have, shared by the tests.
enum SceneChecks {
    /// Pairs of texts whose boxes overlap (tiny slack for antialiasing).
    static func overlappingTexts(_ scene: Scene) -> [(String, String)] {
        let texts = scene.texts
        var pairs: [(String, String)] = []
        for i in texts.indices {
            for j in texts.indices where j > i {
                if overlap(texts[i].corners, texts[j].corners) { pairs.append((texts[i].string, texts[j].string)) }
            }
        }
        return pairs
    }

    /// Separating-axis test for two convex quadrilaterals, with 0.3 pt of slack.
    static func overlap(_ a: [Point], _ b: [Point]) -> Bool {
        for poly in [a, b] {
            for i in 0..<4 {
                let p = poly[i], q = poly[(i + 1) % 4]
                let nx = q.y - p.y, ny = p.x - q.x
                let len = (nx * nx + ny * ny).squareRoot()
                guard len > 0 else { continue }
                let pa = a.map { ($0.x * nx + $0.y * ny) / len }, pb = b.map { ($0.x * nx + $0.y * ny) / len }
                if pa.max()! <= pb.min()! + 0.3 || pb.max()! <= pa.min()! + 0.3 { return false }
            }
        }
        return true
    }

    /// Texts that stick out of the page.
    static func textsOffPage(_ scene: Scene) -> [String] {
        let page = Rect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)
        return scene.texts.filter { !page.contains($0.frame, tolerance: 0.5) }.map(\.string)
    }

    static func strings(_ scene: Scene) -> [String] { scene.texts.map(\.string) }
}
