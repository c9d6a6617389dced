import Testing
@testable import SlimCharts

@Suite struct HTMLSVGTests {
    static let chart = Chart(title: "Accuracy <&>", x: Axis("epoch"), y: Axis("accuracy", format: .percent()),
                             marks: [RangeMark(x: [1, 2], y: [0.9, 0.95], lower: [0.89, 0.94], upper: [0.91, 0.96], label: "run's")])

    @Test func chartTextIsTextAndPointsTellTheirValues() throws {
        let renderer = ChartRenderer()
        let scene = renderer.scene(Self.chart, size: Size(width: 400, height: 260))
        let svg = try renderer.htmlSVG(scene, idPrefix: "c-", label: "Accuracy <&>")
        #expect(svg.contains("<svg role=\"img\" aria-label=\"Accuracy &lt;&amp;&gt;\""))
        // Every text of the scene is a <text> element, escaped; no glyph outlines are left.
        #expect(svg.components(separatedBy: "<text ").count - 1 == scene.texts.count)
        #expect(svg.contains(">Accuracy &lt;&amp;&gt;</text>"))
        #expect(!svg.contains("glyph"))
        // Path data keeps one decimal (Cairo writes six): a fifth of a report's bytes.
        #expect(svg.contains(" d=\"M "))
        #expect(svg.range(of: #" d="[^"]*\.[0-9]{2}"#, options: .regularExpression) == nil)
        #expect(ChartRenderer.roundingPathData(#"<path d="M 48.269531 52.78125 L 3 -7.5 L 266.03"/><g id="a.123">"#)
                    == #"<path d="M 48.2 52.7 L 3 -7.5 L 266"/><g id="a.123">"#)
        #expect(svg.contains("<title>run&#39;s: 1, 90% (89%–91%)</title>"))
        // PDF and PNG carry no hints: the same scene renders as before.
        #expect(scene.commands.contains { if case .hint = $0 { true } else { false } })
    }

    @Test func themeColoursBecomeVariablesForADarkPage() throws {
        let renderer = ChartRenderer()
        let size = Size(width: 400, height: 260)
        let svg = try renderer.htmlSVG(renderer.scene(Self.chart, size: size), dark: ChartRenderer(theme: .dark).scene(Self.chart, size: size),
                                       idPrefix: "c-", label: "a")
        #expect(svg.contains("fill:var(--slim-text,rgb(13.333333%,13.333333%,13.333333%))"))
        #expect(ChartRenderer.cssVariables(for: .dark).contains("--slim-text:#e6e6e6;"))
    }

    /// White labels on dark heat-map cells are white in both schemes: the light background is
    /// white too, but these are not background.
    @Test func labelsOnHeatMapCellsKeepTheirColourInTheDarkScheme() throws {
        let map = Chart(title: "kept", x: Axis("pass"), y: Axis("layer"),
                        marks: [HeatMapMark(values: [[0.05, 0.95]], rowLabels: ["bn1"], columnLabels: ["p1", "p2"], cellLabels: .percent())])
        let renderer = ChartRenderer(), size = Size(width: 400, height: 200)
        let svg = try renderer.htmlSVG(renderer.scene(map, size: size), dark: ChartRenderer(theme: .dark).scene(map, size: size),
                                       idPrefix: "k-", label: "kept")
        #expect(svg.contains("style=\"fill:rgb(100%,100%,100%)\" textLength"))
        #expect(svg.contains(">5%</text>"))
        #expect(!svg.contains("fill:var(--slim-bg,rgb(100%,100%,100%))\" textLength"))
        // The tick labels beside it follow the scheme.
        #expect(svg.contains("fill:var(--slim-text,"))
    }

    @Test func thePrintThemeGivesEachSlotItsOwnMarker() {
        let p = Point(10, 10)
        #expect(Theme.light.marker(1, at: p, radius: 2).count == 1)
        if case .circle = Theme.light.marker(1, at: p, radius: 2)[0] {} else { Issue.record("light themes keep circles") }
        if case .rect = Theme.print.marker(1, at: p, radius: 2)[0] {} else { Issue.record("slot 1 in print is a square") }
        #expect(Theme.print.marker(2, at: p, radius: 2).count == 4)   // a triangle
        #expect(Theme.print.marker(3, at: p, radius: 2).count == 5)   // a diamond
    }
}
