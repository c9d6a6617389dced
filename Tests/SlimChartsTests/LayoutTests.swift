import Testing
@testable import SlimCharts

@Suite("Layout on drawing commands")
struct LayoutTests {
    let renderer = ChartRenderer()
    let size = Size(width: 480, height: 300)

    func checkClean(_ scene: Scene, sourceLocation: SourceLocation = #_sourceLocation) {
        let overlaps = SceneChecks.overlappingTexts(scene)
        #expect(overlaps.isEmpty, "overlapping labels: \(overlaps)", sourceLocation: sourceLocation)
        let off = SceneChecks.textsOffPage(scene)
        #expect(off.isEmpty, "labels off the page: \(off)", sourceLocation: sourceLocation)
    }

    @Test func longAndManyCategoriesDoNotOverlap() {
        for count in [5, 16, 40, 120] {
            let names = (0..<count).map { "backbone.stage\($0 / 4).block\($0 % 4).conv2.batchnorm" }
            let chart = Chart(x: Axis("layer"), y: Axis("channels"),
                              marks: [BarMark(categories: names, values: names.indices.map { Double($0 * 3 + 1) })])
            let scene = renderer.scene(chart, size: size)
            checkClean(scene)
            #expect(scene.texts.contains { $0.string.contains("…") || $0.rotation != 0 })
        }
    }

    @Test func horizontalBarsWithManyLongCategoriesDoNotOverlap() {
        let names = (0..<60).map { "features.\($0).a-rather-long-layer-name" }
        let chart = Chart(marks: [BarMark(categories: names, values: names.indices.map(Double.init), orientation: .horizontal)])
        checkClean(renderer.scene(chart, size: size))
    }

    @Test func logAxesOverSixDecades() {
        let x = (0...60).map { Double($0) / 10 }
        let y = x.map { pow(10, $0 - 3) }
        let chart = Chart(x: Axis("x"), y: Axis("y", scale: .log), marks: [LineMark(x: x, y: y, label: "growth")])
        let scene = renderer.scene(chart, size: size)
        checkClean(scene)
        let labels = SceneChecks.strings(scene)
        #expect(labels.contains("10⁻³") && labels.contains("10³"))
        #expect(scene.notes.isEmpty)
    }

    @Test func emptyChartSaysSo() {
        let scene = renderer.scene(Chart(title: "Nothing yet", marks: [LineMark(x: [], y: [])]), size: size)
        #expect(SceneChecks.strings(scene).contains("No data"))
        checkClean(scene)
        let noMarks = renderer.scene(Chart(marks: []), size: size)
        #expect(SceneChecks.strings(noMarks).contains("No data"))
    }

    @Test func singlePointIsDrawnWithUsableAxes() {
        let scene = renderer.scene(Chart(marks: [LineMark(x: [3], y: [7], showsPoints: true)]), size: size)
        checkClean(scene)
        #expect(!SceneChecks.strings(scene).contains("No data"))
        let circles = scene.commands.contains {
            if case .path(let p, _) = $0 { return p.elements.contains { if case .circle = $0 { true } else { false } } }
            return false
        }
        #expect(circles)
        #expect(scene.texts.count >= 4)
    }

    @Test func nonFiniteValuesAreDroppedWithANote() {
        let chart = Chart(marks: [LineMark(x: [1, 2, 3, 4, 5], y: [1, .nan, 3, .infinity, 5]),
                                  HistogramMark(values: [1, 2, .nan, 3])])
        let scene = renderer.scene(chart, size: size)
        #expect(scene.notes == ["3 non-finite values (NaN/Inf) not shown"])
        #expect(SceneChecks.strings(scene).contains("3 non-finite values (NaN/Inf) not shown."))
        checkClean(scene)
    }

    @Test func nonPositiveValuesOnLogAxesAreNoted() {
        let chart = Chart(y: Axis(scale: .log), marks: [LineMark(x: [1, 2, 3], y: [0, -1, 10])])
        let scene = renderer.scene(chart, size: size)
        #expect(scene.notes == ["2 values ≤ 0 not shown on the log axis"])
    }

    @Test func allEqualValues() {
        let chart = Chart(marks: [LineMark(x: [1, 2, 3], y: [4, 4, 4]), HistogramMark(values: [2, 2, 2])])
        let scene = renderer.scene(chart, size: size)
        checkClean(scene)
        #expect(scene.texts.count >= 4)
        let hist = HistogramMark(values: [2, 2, 2], bins: .linear(count: 4))
        #expect(hist.counts.reduce(0, +) == 3)
    }

    @Test func legendAvoidsData() {
        // Data fills the top right and bottom left; the legend must go to a free corner or outside.
        let x = (0..<100).map(Double.init)
        let chart = Chart(marks: [LineMark(x: x, y: x, label: "rising"), LineMark(x: x, y: x.map { 99 - $0 }, label: "falling")])
        let scene = renderer.scene(chart, size: size)
        let legend = scene.texts.first { $0.string == "rising" }!
        let plotPaths = scene.commands.compactMap { c -> Path? in
            if case .path(let p, let s) = c, s.lineWidth == Theme.light.lineWidth { return p } else { return nil }
        }
        for path in plotPaths {
            let covered = Occupancy.covers(legend.frame, [.path(path, PathStyle())])
            #expect(!covered)
        }
        checkClean(scene)
    }

    @Test func heatMapHasColourBarAndCellLabels() {
        let values = [[0.1, 0.5], [0.9, .nan]]
        let chart = Chart(marks: [HeatMapMark(values: values, rowLabels: ["a", "b"], columnLabels: ["p1", "p2"],
                                              range: 0...1, colorTitle: "kept", cellLabels: .percent())])
        let scene = renderer.scene(chart, size: size)
        let strings = SceneChecks.strings(scene)
        #expect(strings.contains("50%") && strings.contains("kept") && strings.contains("p2"))
        #expect(scene.notes == ["1 non-finite cell (NaN/Inf) shown grey"])
        let images = scene.commands.filter { if case .image = $0 { true } else { false } }
        #expect(images.count == 2)
    }

    @Test func figureAlignsPanelsAndSharesAxes() {
        let panels = (0..<12).map { i in
            Chart(title: "panel \(i)", x: Axis("x"), y: Axis("y"),
                  marks: [LineMark(x: [0, 1, 2], y: [0, Double(i), Double(i * i)])])
        }
        let figure = Figure(title: "Twelve", panels: panels, columns: 4, sharesX: true, sharesY: true)
        let scene = renderer.scene(figure, size: Size(width: 800, height: 600))
        checkClean(scene)
        // Shared y: only the first column labels it; the title "y" appears once per row.
        #expect(scene.texts.filter { $0.string == "y" }.count == 3)
        #expect(scene.texts.filter { $0.string == "x" }.count == 4)
    }

    /// The bottom row carries the shared x axis; its panels' plots are as tall as the others'
    /// (equal cells made them the flattest, squeezed further when a PDF page shrank the figure).
    @Test func figureRowsHaveEqualPlotHeights() {
        let panels = (0..<9).map { i in
            Chart(title: "layer \(i)", x: Axis("epoch"), y: Axis("|γ|"), marks: [LineMark(x: [0, 1, 2], y: [1, Double(i + 2), 3])])
        }
        let scene = renderer.scene(Figure(title: "Nine", panels: panels, columns: 3, sharesX: true), size: Size(width: 500, height: 330))
        let plots = scene.commands.compactMap { if case .pushClip(let r) = $0, r.width > 40 { r } else { nil } }
        #expect(plots.count == 9)
        let heights = plots.map(\.height)
        #expect(heights.max()! - heights.min()! < 1, "plot heights \(heights)")
    }

    /// A figure title wider than the figure wraps instead of running off its edge.
    @Test func aLongFigureTitleWraps() {
        let panels = (0..<2).map { Chart(title: "p\($0)", marks: [LineMark(x: [0, 1], y: [0, 1])]) }
        let title = "|γ| per layer: layer1.0.bn1 … layer2.1.bn1 (10 of 19)"
        let scene = renderer.scene(Figure(title: title, panels: panels, columns: 2), size: Size(width: 240, height: 260))
        let lines = scene.texts.filter { title.contains($0.string) && $0.font.bold && $0.string.count > 3 }
        #expect(lines.count >= 2)
        #expect(lines.map(\.string).joined(separator: " ") == title)
        #expect(lines.allSatisfy { $0.frame.maxX <= 240 })
    }

    @Test func smallMultiplesShareOneLegend() {
        let x = [0.0, 1, 2, 3]
        let panels = (0..<6).map { i in
            Chart(title: "layer \(i)", marks: [LineMark(x: x, y: x.map { $0 * Double(i) }, label: "median"),
                                               AreaMark(x: x, lower: x, upper: x.map { $0 + 1 }, label: "25–75%")])
        }
        let scene = renderer.scene(Figure(title: "Six", panels: panels, columns: 3), size: Size(width: 720, height: 420))
        checkClean(scene)
        let medians = scene.texts.filter { $0.string == "median" }
        #expect(medians.count == 1)
        #expect(scene.texts.filter { $0.string == "25–75%" }.count == 1)
        // The legend sits right of every panel's plot: no panel text reaches into it.
        let legendLeft = medians[0].frame.minX - LegendGuide.symbolWidth - LegendGuide.padding - 6
        #expect(scene.texts.filter { $0.string.hasPrefix("layer") }.allSatisfy { $0.frame.maxX < legendLeft })
    }

    @Test func panelsWithDifferentSeriesKeepTheirOwnLegends() {
        let x = [0.0, 1, 2]
        let panels = ["a", "b"].map { name in Chart(marks: [LineMark(x: x, y: x, label: "series " + name)]) }
        let scene = renderer.scene(Figure(panels: panels, columns: 2), size: Size(width: 600, height: 300))
        #expect(scene.texts.filter { $0.string.hasPrefix("series ") }.count == 2)
        let hidden = renderer.scene(Figure(panels: panels + panels, columns: 2, legend: .hidden), size: Size(width: 600, height: 400))
        #expect(hidden.texts.filter { $0.string.hasPrefix("series ") }.count == 4)
    }

    @Test func pagesComposeChartsAndText() throws {
        // A report page: a heading, a wrapped paragraph and two charts side by side.
        let m = renderer.measurer
        var page = Scene(size: Size(width: 595, height: 842))
        let font = Font(size: 10)
        page.append(.text(m.text("Run summary", font: Font(size: 16, bold: true), color: .black, at: Point(40, 40), vertical: .top)))
        let lines = m.wrap(String(repeating: "Parameters fell from 20.04M to 2.3M. ", count: 8), width: 515, font: font)
        #expect(lines.count > 1 && lines.allSatisfy { m.measure($0, font: font).width <= 515 })
        for (i, line) in lines.enumerated() {
            page.append(.text(m.text(line, font: font, color: .black, at: Point(40, 70 + Double(i) * 14), vertical: .top)))
        }
        let chart = Chart(x: Axis("x"), y: Axis("y"), marks: [LineMark(x: [0, 1, 2], y: [2, 1, 3], label: "a")])
        page.commands += chart.layout(in: Rect(x: 40, y: 200, width: 250, height: 180), theme: .light, measurer: m).commands
        page.commands += chart.layout(in: Rect(x: 305, y: 200, width: 250, height: 180), theme: .light, measurer: m).commands
        checkClean(page)
        #expect(try renderer.pdf(pages: [page]).count > 1000)
    }

    @Test func tinyPagesStillRender() throws {
        let chart = Chart(title: "A title far longer than the page is wide", x: Axis("x"), y: Axis("y"),
                          marks: [BarMark(categories: (0..<300).map { "c\($0)" }, values: (0..<300).map(Double.init)),
                                  HeatMapMark(values: [[1, 2]], colorTitle: "v")])
        for size in [Size(width: 40, height: 30), Size(width: 120, height: 80)] {
            let scene = renderer.scene(chart, size: size)
            #expect(try renderer.render(scene, as: .png(scale: 1)).count > 50)
        }
    }

    @Test func aLongSubtitleStaysOnANarrowPage() {
        let chart = Chart(title: "Accuracy vs FLOPs",
                          subtitle: "every pass of every run: unlabelled = before pruning, pN = after pass N",
                          y: Axis("test accuracy", format: .percent()), marks: [LineMark(x: [0, 1], y: [0.1, 0.9])])
        checkClean(renderer.scene(chart, size: Size(width: 300, height: 240)))
    }

    @Test func aColouredBarSeriesTakesNoPaletteSlot() {
        let grey = Color(hex: 0x9E9E9E)
        let bars = BarMark(categories: ["a", "b"], series: [.init("original", values: [4, 4], color: grey),
                                                            .init("run 1", values: [2, 3]), .init("run 2", values: [1, 2])])
        #expect(bars.paletteSlots == 2)
        let swatches = bars.legendEntries(theme: .light, firstSlot: 0).map { entry -> Color? in
            if case .swatch(let c) = entry.symbol { c } else { nil }
        }
        #expect(swatches == [grey, Theme.light.palette[0], Theme.light.palette[1]])
    }

    /// A rule's label moves down its line past curves that run along the top of the plot.
    @Test func ruleLabelsKeepClearOfCurvesNearTheTop() {
        let x = Array(stride(from: 1.0, through: 22, by: 1))
        let line = LineMark(x: x, y: x.map { $0 < 3 ? 0.2 : 0.99 })
        let chart = Chart(x: Axis("epoch"), y: Axis("accuracy"), marks: [line, RuleMark.vertical(at: 10, label: "prune 1")])
        let scene = renderer.scene(chart, size: Size(width: 400, height: 240))
        let label = try! #require(scene.texts.first { $0.string == "prune 1" })
        let curves = scene.commands.filter { if case .path(let p, let s) = $0 { s.lineWidth == Theme.light.lineWidth && p.elements.count == x.count } else { false } }
        #expect(curves.count == 1)
        #expect(!Occupancy.covers(label.frame, curves), "the label at \(label.frame) covers the curve")
    }

    /// A label too wide for either side of its line stays inside the plot (it spilled over
    /// the y axis's numbers in the phone layout of the γ overlay).
    @Test func aRuleLabelTooWideForEitherSideStaysInThePlot() {
        let chart = Chart(x: Axis("|γ|"), y: Axis("channels"),
                          marks: [LineMark(x: [0, 1], y: [0, 300]), RuleMark.vertical(at: 0.85, label: "λ=5e-3×3 threshold, a long one")])
        let scene = renderer.scene(chart, size: Size(width: 240, height: 180))
        let label = try! #require(scene.texts.first { $0.string.hasPrefix("λ=5e-3×3") })
        let ticks = scene.texts.filter { $0.string == "300" || $0.string == "0" }
        #expect(!ticks.isEmpty)
        #expect(ticks.allSatisfy { label.frame.minX >= $0.frame.maxX }, "the label at \(label.frame) reaches over the axis")
    }

    @Test func ruleLabelsCloseTogetherStackInsteadOfOverlapping() {
        let rules = [10.0, 11.5, 13].enumerated().map { RuleMark.vertical(at: $0.element, label: "prune \($0.offset + 1)") }
        let chart = Chart(x: Axis("epoch"), y: Axis("accuracy"),
                          marks: [LineMark(x: Array(stride(from: 1.0, through: 22, by: 1)), y: Array(repeating: 0.5, count: 22))] + rules)
        let scene = renderer.scene(chart, size: Size(width: 300, height: 220))
        checkClean(scene)
        let labels = scene.texts.filter { $0.string.hasPrefix("prune") }
        #expect(labels.count == 3)
        #expect(Set(labels.map(\.frame.minY)).count > 1, "the labels were not moved apart")
    }

    /// Category names that fit side by side are never cut, however short the chart: the depth
    /// budget is for rotated names ("ori…al" under a 100-point-high bar chart).
    @Test func namesThatFitSideBySideAreNotCutInAShortChart() {
        let chart = Chart(x: Axis(), y: Axis("ms"), marks: [BarMark(categories: ["original", "pass 1"], series: [.init("conv", values: [1, 0.4])])])
        let scene = renderer.scene(chart, size: Size(width: 300, height: 100))
        #expect(scene.texts.contains { $0.string == "original" && $0.rotation == 0 }, "\(scene.texts.map(\.string))")
    }

    @Test func shortenedLabelsStayTellable() {
        let m = renderer.measurer, font = Theme.light.font(Theme.light.tickSize)
        let names = ["layer1.0.conv1", "layer1.1.conv1", "layer2.0.conv1", "layer2.1.conv1", "fc"]
        let width = m.measure("layer1.0.conv1", font: font).width * 0.8
        let labels = Abbreviation.fit(names, width: width, font: font, measurer: m)
        #expect(Set(labels).count == names.count, "\(labels)")
        #expect(labels.allSatisfy { m.measure($0, font: font).width <= width })
        #expect(labels.last == "fc")
        // Stage, block index and layer survive: components but the last become initials.
        #expect(labels == ["l1.0.conv1", "l1.1.conv1", "l2.0.conv1", "l2.1.conv1", "fc"])
        #expect(Abbreviation.initialed("module/features.12") == "m/f.12")
    }

    /// A 100 KB name is cut before it is measured; the cut fits and keeps both ends.
    @Test func hugeNamesAreShortenedBeforeLayout() {
        let m = renderer.measurer, font = Theme.light.font(Theme.light.tickSize)
        let huge = "head." + String(repeating: "x", count: 100_000) + ".tail"
        #expect(TextMeasurer.capped(huge).count == TextMeasurer.longestLabel + 1)
        #expect(TextMeasurer.capped(huge).hasPrefix("head.x") && TextMeasurer.capped(huge).hasSuffix("x.tail"))
        let fitted = m.truncated(huge, width: 120, font: font)
        #expect(m.measure(fitted, font: font).width <= 120)
        #expect(fitted.hasPrefix("head.") && fitted.hasSuffix(".tail") && fitted.contains("…"))
        #expect(m.truncated(huge, width: 120, font: font, headShare: 1).hasPrefix("head.xx"))
        #expect(m.truncated(huge, width: 120, font: font, headShare: 1).hasSuffix("x…"))
        #expect(m.truncated("short", width: 500, font: font) == "short")
        #expect(m.truncated("abcdef", width: 0, font: font) == "a…")
        // Two huge names that differ only at the end stay apart on a band axis.
        let names = [huge + "1", huge + "2"]
        let chart = Chart(x: Axis("layer"), y: Axis("channels"), marks: [BarMark(categories: names, values: [1, 2])])
        let scene = renderer.scene(chart, size: size)
        checkClean(scene)
        let labels = scene.texts.filter { $0.string.contains("…") }
        #expect(labels.count == 2 && Set(labels.map(\.string)).count == 2, "\(labels.map(\.string))")
    }

    @Test func scatterLabelsDoNotOverlap() {
        let x = (0..<30).map { Double($0 % 6) }, y = (0..<30).map { Double($0 / 6) }
        let chart = Chart(marks: [ScatterMark(x: x, y: y, pointLabels: x.indices.map { "point number \($0)" })])
        checkClean(renderer.scene(chart, size: size))
    }
}

import Foundation
