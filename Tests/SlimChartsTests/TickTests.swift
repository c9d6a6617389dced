import Testing
@testable import SlimCharts

@Suite("Ticks and formats")
struct TickTests {
    @Test func linearTicksAreNiceAndInsideTheDomain() {
        let t = TickLocator.linear(0.03, 0.97, maxCount: 6)
        #expect(t.major == [0.2, 0.4, 0.6, 0.8])
        #expect(t.step == 0.2)
        let u = TickLocator.linear(-7, 103, maxCount: 6)
        #expect(u.major == [0, 25, 50, 75, 100])
    }

    @Test func linearTicksNeverExceedTheAskedCount() {
        for count in 2...12 {
            for (lo, hi) in [(0.0, 1.0), (-3.3, 17.9), (1e6, 8e8), (0.0001, 0.00035)] {
                let t = TickLocator.linear(lo, hi, maxCount: count)
                #expect(t.major.count <= count)
                #expect(t.major.allSatisfy { $0 >= lo - 1e-12 && $0 <= hi + 1e-12 })
            }
        }
    }

    @Test func logTicksCoverSixDecades() {
        let t = TickLocator.log(1e-3, 1e3, maxCount: 8)
        #expect(t.major == [1e-3, 1e-2, 1e-1, 1, 10, 100, 1000].map { $0 })
        #expect(t.minor.contains(2e-3) && t.minor.contains(900))
        let crowded = TickLocator.log(1e-6, 1e6, maxCount: 5)
        #expect(crowded.major.count <= 5)
        #expect(crowded.major.first == 1e-6)
    }

    @Test func logTicksWithinOneDecadeUseOneTwoFive() {
        let t = TickLocator.log(9e7, 8e8, maxCount: 6)
        #expect(t.major == [1e8, 2e8, 5e8])
        let labels = TickFormat.automatic.labels(for: t, scale: .log(lower: 9e7, upper: 8e8))
        #expect(labels == ["100M", "200M", "500M"])
    }

    @Test func automaticLabels() {
        let lin = Scale.linear(lower: 0, upper: 1)
        #expect(TickFormat.automatic.labels(for: Ticks(major: [0, 0.25, 0.5], step: 0.25), scale: lin) == ["0.00", "0.25", "0.50"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [0, 2e6, 4e6], step: 2e6), scale: lin) == ["0", "2M", "4M"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [-10, 0, 10], step: 10), scale: lin) == ["−10", "0", "10"])
        let log = Scale.log(lower: 1e-7, upper: 1)
        #expect(TickFormat.automatic.labels(for: Ticks(major: [1e-6, 1e-3, 1]), scale: log) == ["10⁻⁶", "10⁻³", "10⁰"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [1, 10, 100, 1000]), scale: .log(lower: 1, upper: 1000))
                == ["1", "10", "100", "1000"])
    }

    @Test func loneValuesKeepThreeSignificantDigits() {
        let lin = Scale.linear(lower: 0, upper: 1)
        #expect(TickFormat.automatic.labels(for: Ticks(major: [0.9641]), scale: lin) == ["0.964"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [448]), scale: lin) == ["448"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [20_040_000]), scale: lin) == ["20M"])
    }

    @Test func numberText() {
        #expect(NumberText.compact(1_234_567) == "1.23M")
        #expect(NumberText.compact(1_200_000) == "1.2M")
        #expect(NumberText.compact(7.97e8) == "797M")
        #expect(NumberText.compact(20_040_000_000) == "20G")
        #expect(NumberText.scientific(7.97e8) == "7.97e8")
        #expect(NumberText.scientific(2e-5) == "2e−5")
        #expect(NumberText.shortest(0.012345) == "0.0123")
        #expect(NumberText.shortest(1000) == "1000")
        #expect(TickFormat.percent(decimals: 1).labels(for: Ticks(major: [0.125]), scale: .linear(lower: 0, upper: 1)) == ["12.5%"])
    }

    /// Logs may hold NaN, ±∞, 1e308 and subnormals: every conversion answers, none traps.
    @Test func numberTextIsTotalOverDouble() {
        for f in [{ NumberText.shortest($0) }, { NumberText.compact($0) }, { NumberText.scientific($0) },
                  { NumberText.fixed($0, decimals: 2) }, { NumberText.powerOfTen($0) }] as [(Double) -> String] {
            #expect([Double.nan, .infinity, -.infinity].map(f) == ["n/a", "n/a", "n/a"])
        }
        #expect(NumberText.shortest(1e308) == "1e308")
        #expect(NumberText.shortest(-1.7976931348623157e308) == "−1.8e308")
        #expect(NumberText.shortest(5e-324) == "4.94e−324")
        #expect(NumberText.scientific(9.996e8) == "1e9")
        #expect(NumberText.compact(1e308) == "1e308")
        #expect(NumberText.fixed(1e308, decimals: 1) == "1e308")
        #expect(NumberText.fixed(0.5, decimals: 400) == "0.50000000000000000000")
        #expect(NumberText.powerOfTen(0) == "n/a")
        let lin = Scale.linear(lower: 0, upper: 1)
        #expect(TickFormat.automatic.labels(for: Ticks(major: [0, 1], step: .nan), scale: lin) == ["0", "1"])
        #expect(TickFormat.automatic.labels(for: Ticks(major: [1e-320, 2e-320], step: 1e-320), scale: lin) == ["1e−320", "2e−320"])
        #expect(TickFormat.percent().labels(for: Ticks(major: [.nan, 0.5], step: .infinity), scale: lin) == ["n/a", "50%"])
        #expect(TickLocator.log(1e-3, .infinity, maxCount: 5).major == [1e-3])
    }

    @Test func percentLabelsKeepTheDigitsTheirStepNeeds() {
        let lin = Scale.linear(lower: 0.775, upper: 1)
        let ticks = TickLocator.linear(0.775, 1, maxCount: 10)
        #expect(ticks.step == 0.025)
        let labels = TickFormat.percent().labels(for: ticks, scale: lin)
        #expect(labels.prefix(3) == ["77.5%", "80.0%", "82.5%"])
        #expect(Set(labels).count == labels.count)
        #expect(TickFormat.percent().labels(for: Ticks(major: [0.2, 0.4], step: 0.2), scale: lin) == ["20%", "40%"])
        #expect(TickFormat.percent(decimals: 2).labels(for: Ticks(major: [0.5], step: 0.1), scale: lin) == ["50.00%"])
    }

    @Test func wholeNumberTicksNeverFallBetweenIntegers() {
        let plain = TickLocator.linear(0.3, 15, maxCount: 7)
        #expect(plain.step == 2.5)
        let whole = TickLocator.linear(0.3, 15, maxCount: 7, wholeNumbers: true)
        #expect(whole.major == [5, 10, 15])
        #expect(TickLocator.linear(0, 10, maxCount: 6, wholeNumbers: true).major == [0, 2, 4, 6, 8, 10])
        #expect(TickLocator.linear(0, 3, maxCount: 12, wholeNumbers: true).major == [0, 1, 2, 3])
        #expect(TickLocator.ticks(for: .linear(lower: 0, upper: 3), maxCount: 12, wholeNumbers: true).step == 1)
    }

    @Test func allEqualValuesGetAUsableDomain() {
        var e = Extent()
        e.include([5, 5, 5])
        let s = ScaleSpec.linear().resolve(e)
        #expect(s.domain.lowerBound < 5 && s.domain.upperBound > 5)
        var zero = Extent()
        zero.include(0)
        #expect(ScaleSpec.linear().resolve(zero).domain == -1...1)
        #expect(ScaleSpec.log().resolve(e).domain.lowerBound < 5)
    }

    @Test func logScaleRefusesNonPositiveValues() {
        let s = Scale.log(lower: 1, upper: 100)
        #expect(s.fraction(0).isNaN)
        #expect(s.fraction(-3).isNaN)
        #expect(s.fraction(10) == 0.5)
        var e = Extent()
        e.include([-5, 0, 0.01, 1000])
        let r = ScaleSpec.log().resolve(e)
        #expect(r.domain.lowerBound > 0 && r.domain.lowerBound < 0.01)
    }
}
