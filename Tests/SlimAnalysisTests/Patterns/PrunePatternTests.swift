import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct PrunePatternTests {
    @Test func patternOfTheSamplePrune() throws {
        let pattern = try #require(try SampleRun.analysis().prunePatterns.first)
        #expect(pattern.removed == 9)
        #expect(pattern.layers.map(\.removed) == [2, 3, 4])
        let shares: [Double] = [2.0 / 9, 3.0 / 9, 4.0 / 9]
        #expect(pattern.layers.map(\.shareOfRemoved) == shares)
        #expect(pattern.layers.map(\.stage) == ["stage 1 (8×8)", "stage 1 (8×8)", "stage 2 (4×4)"])
        #expect(pattern.stageLostMost?.stage.name == "stage 1 (8×8)")
        #expect(pattern.stageLostMost?.removed == 5)
        // feature.4 keeps 1/4; feature.1 and feature.8 both keep 1/2, feature.8 lost more.
        #expect(pattern.hardestHit.map(\.layer) == ["feature.4", "feature.8", "feature.1"])
        #expect(pattern.guarded.isEmpty)
    }

    @Test func stagesFollowTheResolution() {
        let stages = Networks.vgg(Networks.vgg19).stages
        #expect(stages.map(\.layers.count) == [2, 2, 4, 4, 4])
        #expect(stages.map(\.height) == [32, 16, 8, 4, 2])
    }

    @Test func guardedLayersAreListed() throws {
        var events = SampleRun.events()
        var prune = SampleRun.prune
        prune.layers[1].guardApplied = "min_channels"
        events[events.firstIndex { if case .prune = $0 { true } else { false } }!] = .prune(prune)
        let pattern = try #require(try SampleRun.analysis(events).prunePatterns.first)
        #expect(pattern.guarded.map(\.layer) == ["feature.4"])
    }
}
