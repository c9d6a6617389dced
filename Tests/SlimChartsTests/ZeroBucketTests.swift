import Testing
@testable import SlimCharts

/// A log axis with a "0" slot: zeros and values below the decades are shown, not dropped.
@Suite struct ZeroBucketTests {
    @Test func theZeroSlotComesBeforeTheDecadesAndIsTickedZero() {
        var extent = Extent()
        extent.include([0, 1e-4, 1])
        extent.tight = true
        let scale = ScaleSpec.log(zeroBucket: true).resolve(extent)
        guard case .logWithZero(let lo, let hi) = scale else { Issue.record("no zero slot: \(scale)"); return }
        #expect(lo == 1e-4 && hi == 1)
        #expect(scale.fraction(0) == Scale.zeroSlotShare / 2)
        #expect(scale.fraction(1e-9) == Scale.zeroSlotShare / 2)   // below the floor: the same slot
        #expect(abs(scale.fraction(1e-4) - Scale.zeroSlotShare) < 1e-12)
        #expect(abs(scale.fraction(1) - 1) < 1e-12)
        let ticks = TickLocator.ticks(for: scale, maxCount: 6)
        #expect(ticks.major.first == 0)
        #expect(TickFormat.automatic.labels(for: ticks, scale: scale) == ["0", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"])
        // Without the bucket a log axis is as before.
        guard case .log = ScaleSpec.log().resolve(extent) else { Issue.record("plain log axis changed"); return }
    }

    @Test func aHistogramCountsItsZerosInTheSlotInsteadOfDroppingThem() {
        let values = [0, 0, 0, 1e-4, 1e-3, 1e-2, 0.5]
        let mark = HistogramMark(values: values, bins: .log(count: 8))
        #expect(mark.below == 3)
        func scene(_ zeroBucket: Bool) -> Scene {
            ChartRenderer().scene(Chart(x: Axis("|γ|", scale: .log(zeroBucket: zeroBucket)), y: Axis("channels"), marks: [mark]),
                                  size: Size(width: 400, height: 260))
        }
        let with = scene(true), without = scene(false)
        #expect(with.texts.contains { $0.string == "0" && $0.anchor.y > 200 })
        #expect(!with.notes.contains("3 values ≤ 0 left out of the log bins"), "zeros noted as dropped: \(with.notes)")
        #expect(without.notes.contains("3 values ≤ 0 left out of the log bins"), "a plain log axis notes the dropped zeros: \(without.notes)")
        // One more bar in the slot: the bars' path has one rectangle more.
        func rects(_ s: Scene) -> Int {
            s.commands.map { if case .path(let p, let style) = $0, style.fill != nil { p.elements.count { if case .rect = $0 { true } else { false } } } else { 0 } }.max() ?? 0
        }
        #expect(rects(with) == rects(without) + 1)
    }

    @Test func aHeatMapOfLogarithmsShowsMinusInfinityAsTheZeroSwatch() {
        let mark = HeatMapMark(values: [[-.infinity, -3, 0], [.nan, -2, -1]], zeroBucket: true)
        let scale = mark.colorScale!
        #expect(scale.color(for: -.infinity) == ColorScale.zeroColor)
        #expect(scale.color(for: .nan) == ColorMap.viridis.missing)
        #expect(mark.valueRange == -3...0)
        let scene = ChartRenderer().scene(Chart(x: Axis("epoch"), y: Axis("channel"), marks: [mark]), size: Size(width: 400, height: 260))
        #expect(scene.texts.contains { $0.string == "0" && $0.anchor.x > 340 })   // the swatch's label beside the bar
        #expect(scene.notes.contains("1 non-finite cell (NaN/Inf) shown grey"), "the zero cell counted as missing: \(scene.notes)")
    }
}
