import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct GammaStatisticsTests {
    @Test func quantilesFractionsAndMargins() {
        let s = GammaStatistics(gammas: [-0.5, 0.1, 0.2, 0.3, 0.4, 0.0005, .nan, 0.31], threshold: 0.3)
        #expect(s.count == 7)
        #expect(s.nonFinite == 1)
        #expect(s.min == Double(Float(0.0005)))
        #expect(s.max == 0.5)
        #expect(s.median == Double(Float(0.3)))
        #expect(s.fractionBelow1e3 == 1.0 / 7)
        // 0.0005 0.1 0.2 0.3 are ≤ 0.3 (the threshold given as a Double still matches the γ).
        #expect(s.fractionAtOrBelowThreshold == 4.0 / 7)
        // ±5 %: [0.285, 0.315] holds 0.3 and 0.31; ±10 % adds nothing.
        #expect(s.within5Percent == 2)
        #expect(s.within10Percent == 2)
    }

    @Test func timelineUsesTheRecordedThreshold() throws {
        let timeline = try SampleRun.analysis().gammaTimeline
        #expect(timeline.map(\.step) == [10, 20])
        let last = timeline[1]
        #expect(last.pooled.count == 16)
        #expect(last.pooled.threshold == 0.3)
        #expect(last.pooled.fractionBelow1e2 == 6.0 / 16)
        #expect(last.pooled.fractionAtOrBelowThreshold == 9.0 / 16)
        #expect(last.layers.map(\.layer) == SampleRun.bnOrder)
        #expect(last.layers[1].statistics.max == Double(Float(0.6)))
        // The earlier snapshot had every γ twice as large: fewer channels near zero.
        #expect(timeline[0].pooled.median == 2 * last.pooled.median)
    }

    @Test func verdictShowsTheNumbersBehindIt() throws {
        let verdict = try #require(try SampleRun.analysis().sparsityVerdicts.first)
        #expect(verdict.planned == false)
        #expect(verdict.prunedChannels == 9)
        #expect(verdict.keptMedian == Double(Float(0.7)))
        #expect(verdict.within10Percent == 1)
        #expect(verdict.keptWithin10Percent == 0)
        #expect(verdict.prunedBelow1e2 == 6.0 / 9)
        #expect(verdict.level == .insufficient) // kept median only 2.3× the threshold
        #expect(verdict.explanation == "insufficient: the kept channels' median |γ| 0.7 is 2.33× the threshold 0.3; 0 of 16 channels (0.0 %) are kept by less than 10 % above it; 66.7 % of the 9 removed channels have |γ| < 1e-2")
    }

    @Test func wellSeparatedGammasAreJudgedSeparated() throws {
        // 60 near-zero channels, 40 near 0.5: ratio 0.5 cuts inside the near-zero cluster.
        var gammas: [Float] = (0..<60).map { 0.0001 + Float($0) * 0.00001 }
        gammas += (0..<40).map { 0.5 + Float($0) * 0.001 }
        var events = Array(SampleRun.events().prefix(2))
        events.append(.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 1,
                                           layers: [GammaVector(layer: "feature.8", values: gammas)])))
        let verdict = try #require(try SampleRun.analysis(events).sparsityVerdicts.first)
        #expect(verdict.planned)
        #expect(verdict.level == .separated)
    }
}
