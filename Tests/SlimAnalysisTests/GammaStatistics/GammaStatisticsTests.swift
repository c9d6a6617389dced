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
        // Removed: 0.001 0.02 | 0.003 0.004 0.0005 | 0.002 0.3 0.01 0.0001; 6 of them below 0.01.
        #expect(verdict.removedChannels == 9 && verdict.keptChannels == 7)
        #expect(verdict.removedNearZero == 6 && verdict.keptNearZero == 0)
        #expect(verdict.largestRemoved == Double(Float(0.3)))
        #expect(verdict.keptMedian == Double(Float(0.7)))
        #expect(verdict.keptWithin10Percent == 0)
        #expect(verdict.level == .partlySeparated)
        #expect(verdict.explanation == "partly separated: 6 of the 9 removed channels and 0 of the 7 kept ones had |γ| < 0.01 (the largest removed 0.3); the kept median |γ| 0.7 is 2.33× the threshold 0.3 and 0 kept channels lie within 10 % above it; test accuracy 95.0 % right before the prune, 80.0 % right after")
    }

    @Test func aThresholdInsideTheNearZeroClusterIsSparseEnoughNotInsufficient() throws {
        // 60 near-zero channels, 40 near 0.5: ratio 0.5 cuts inside the near-zero cluster.
        var gammas: [Float] = (0..<60).map { 0.0001 + Float($0) * 0.00001 }
        gammas += (0..<40).map { 0.5 + Float($0) * 0.001 }
        var events = Array(SampleRun.events().prefix(2))
        events.append(.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 1,
                                           layers: [GammaVector(layer: "feature.8", values: gammas)])))
        let verdict = try #require(try SampleRun.analysis(events).sparsityVerdicts.first)
        #expect(verdict.planned)
        // ⌊100 · 0.5⌋ = 50: channels 0…50 are at or below the threshold.
        #expect(verdict.removedChannels == 51 && verdict.removedNearZero == 51 && verdict.keptNearZero == 9)
        #expect(verdict.level == .sparseEnough)
        #expect(verdict.level.label == "sparse enough for this ratio")
    }

    @Test func theLevelsFollowTheNearZeroCounts() {
        func level(removed: [Float], kept: [Float]) -> SparsityVerdict.Level {
            SparsityVerdict(pass: 1, planned: false, ratio: 0.5, threshold: 0.05, removed: removed, kept: kept).level
        }
        #expect(level(removed: [0.001, 0.002], kept: [0.3, 0.5, 0.7]) == .separated)
        #expect(level(removed: [1e-6, 2e-6], kept: [3e-6, 0.5]) == .sparseEnough)
        #expect(level(removed: [0.001, 0.002, 0.04], kept: [0.3]) == .partlySeparated)
        #expect(level(removed: [0.001, 0.04, 0.05], kept: [0.052, 0.06]) == .notSeparated)
        #expect(level(removed: [], kept: [0.3]) == .notSeparated)
    }

    @Test func removedChannelsAreCountedFromThePruneRecordNotTheThreshold() throws {
        // The collapse guard kept feature.4's channel 3 (|γ| 0.0005, below the threshold 0.3).
        var prune = SampleRun.prune
        prune.layers[1] = PrunedLayer(layer: "feature.4", before: 4, after: 2, kept: [2, 3], guardApplied: "min_channels")
        let events = SampleRun.events().map { event -> Event in
            if case .prune = event { return .prune(prune) }
            return event
        }
        let run = try SampleRun.analysis(events)
        let verdict = try #require(run.sparsityVerdicts.first)
        #expect(verdict.removedChannels == 8 && verdict.removedChannels == run.prunePatterns[0].removed)
        #expect(verdict.keptNearZero == 1 && verdict.level == .partlySeparated)
    }
}
