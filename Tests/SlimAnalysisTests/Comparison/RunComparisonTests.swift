import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct RunComparisonTests {
    @Test func seedsAreAggregatedAndLayersAligned() throws {
        let a = try SampleRun.analysis(SampleRun.events(name: "s1", seed: 1, finalAccuracy: 0.94))
        let b = try SampleRun.analysis(SampleRun.events(name: "s2", seed: 2, finalAccuracy: 0.92))
        // A third run with another λ and a wider last layer.
        var events = SampleRun.events(name: "wide")
        events[0] = .run(SampleRun.header(name: "wide", seed: 1, lambda: 1e-4))
        events[1] = .architecture(SampleRun.architecture(["4", "4", "M", "16"], pass: 0))
        events.removeAll { if case .prune = $0 { true } else if case .architecture(let x) = $0 { x.pass == 1 } else { false } }
        let c = try SampleRun.analysis(events)
        let comparison = RunComparison(runs: [a, b, c])
        #expect(comparison.labels == ["s1", "s2", "wide"])
        #expect(comparison.layers == SampleRun.bnOrder)
        #expect(comparison.widths[2] == ComparedWidths(layer: "feature.8", original: [8, 8, 16], final: [4, 4, 16]))
        #expect(comparison.architectureDifferences.contains("feature.7: conv2d 4×4×4→8×4×4 in s1, conv2d 4×4×4→16×4×4 in wide"))
        #expect(comparison.seedGroups.count == 1)
        let group = comparison.seedGroups[0]
        #expect(group.labels == ["s1", "s2"])
        #expect(group.seeds == [1, 2])
        let accuracy = try #require(group.finalAccuracy)
        #expect(abs(accuracy.mean - 0.93) < 1e-12)
        #expect(abs(accuracy.standardDeviation - (0.0002).squareRoot()) < 1e-12)
        #expect(group.finalParams?.standardDeviation == 0)
        #expect(comparison.gamma[0]?.threshold == 0.3)
        #expect(comparison.rows.map(\.passes) == [1, 1, 0])
    }
}
