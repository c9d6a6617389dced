import SlimAnalysis
import Testing
@testable import SlimReport

@Suite struct PruneVerdictTests {
    /// The sample run's verdict (pass 1, ratio 50 %, threshold 0.05), read on other γ.
    static func verdict(removed: [Double], kept: [Double]) throws -> PruneVerdict {
        let run = try SampleLog.run()
        let v = try #require(run.sparsityVerdicts.first)
        return PruneVerdict(v, removed: removed, kept: kept, prune: run.prunes.first)
    }

    @Test func theSampleRunCountsWhatThePruneRecordRemoved() throws {
        let verdicts = PruneVerdict.all(try SampleLog.run())
        let v = try #require(verdicts.first)
        // The prune kept 2 + 4 of 12 channels: 6 removed, as the record says.
        #expect(verdicts.count == 1 && v.removed == 6 && v.total == 12)
        #expect(v.sentence.hasPrefix("Pass 1 prune (ratio 50.0%, threshold 0.05): "))
        #expect(v.sentence.hasSuffix("Test accuracy right after the prune: 93.0% → 70.0%."))
    }

    @Test func aCleanGapIsSeparated() throws {
        let v = try Self.verdict(removed: [0.001, 0.002], kept: [0.3, 0.5, 0.7])
        #expect(v.sentence.contains(": separated. All 2 removed channels had |γ| below 0.01 and every kept channel is above it; the kept median 0.5 is 10× the threshold."))
    }

    @Test func aThresholdInsideTheNearZeroClusterIsNotCalledInsufficient() throws {
        let v = try Self.verdict(removed: [1e-6, 2e-6], kept: [3e-6, 4e-6, 0.5])
        #expect(v.sentence.contains(": sparse enough for this ratio. All 2 removed channels had |γ| below 0.01, and so had 2 of the 3 kept ones"))
    }

    @Test func removedChannelsStillInUseAreNotSeparated() throws {
        let v = try Self.verdict(removed: [0.001, 0.04, 0.05], kept: [0.052, 0.06, 0.08])
        #expect(v.sentence.contains(": not separated. 1 of the 3 removed channels had |γ| below 0.01 (the largest removed had 0.05); the kept median 0.06 is 1.2× the threshold and 1 kept channel lies within 10% above it"))
    }
}
