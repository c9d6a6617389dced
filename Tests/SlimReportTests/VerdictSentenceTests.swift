import Foundation
import SlimAnalysis
import Testing
@testable import SlimReport

/// The report words the analysis's sparsity verdict; it does not judge on its own.
@Suite struct VerdictSentenceTests {
    /// A verdict of pass 1 (ratio 50 %, threshold 0.05) on the given |γ|.
    static func verdict(removed: [Float], kept: [Float]) -> SparsityVerdict {
        SparsityVerdict(pass: 1, planned: false, ratio: 0.5, threshold: 0.05, removed: removed, kept: kept,
                        accuracyBefore: 0.93, accuracyAfter: 0.7)
    }

    @Test func theSampleRunCountsWhatThePruneRecordRemoved() throws {
        let verdicts = try SampleLog.run().sparsityVerdicts
        let v = try #require(verdicts.first)
        // The prune kept 2 + 4 of 12 channels: 6 removed, as the record says.
        #expect(verdicts.count == 1 && v.removedChannels == 6 && v.totalChannels == 12)
        #expect(v.sentence.hasPrefix("Pass 1 prune (ratio 50.0 %, threshold 0.05): "))
        #expect(v.sentence.hasSuffix("Test accuracy right after the prune: 93.0 % → 70.0 %."))
    }

    @Test func aCleanGapIsSeparated() {
        let v = Self.verdict(removed: [0.001, 0.002], kept: [0.3, 0.5, 0.7])
        #expect(v.sentence == "Pass 1 prune (ratio 50.0 %, threshold 0.05): separated. All 2 removed channels had |γ| below 0.01 and every kept channel is above it; the kept median 0.5 is 10× the threshold. Test accuracy right after the prune: 93.0 % → 70.0 %.")
    }

    @Test func aThresholdInsideTheNearZeroClusterIsSparseEnough() {
        let v = Self.verdict(removed: [1e-6, 2e-6], kept: [3e-6, 4e-6, 0.5])
        #expect(v.sentence.contains(": sparse enough for this ratio. All 2 removed channels had |γ| below 0.01, and so had 2 of the 3 kept ones: the threshold lies inside the near-zero cluster"))
    }

    @Test func removedChannelsStillInUseAreNotSeparated() {
        let v = Self.verdict(removed: [0.001, 0.04, 0.05], kept: [0.052, 0.06, 0.08])
        #expect(v.sentence.contains(": not separated. 1 of the 3 removed channels had |γ| below 0.01 (the largest removed had 0.05); the kept median 0.06 is 1.2× the threshold and 1 kept channel lies within 10 % above it"))
    }

    @Test func mostRemovedNearZeroIsPartlySeparated() {
        let v = Self.verdict(removed: [0.001, 0.002, 0.04], kept: [0.3, 0.5])
        #expect(v.sentence.contains(": partly separated. 2 of the 3 removed channels had |γ| below 0.01 (the largest removed had 0.04); the kept median 0.3 is 6× the threshold and 0 kept channels lie within 10 % above it"))
    }

    @Test func theReportAndTheSummaryGiveTheSameVerdictOnARealLog() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../reports/logs/lambda-1e-2.log.gz").standardized.path
        let run = try RunAnalysis.read(path: path).run
        let gamma = try #require(RunReport.document(run).sections.first { $0.title == "BatchNorm γ" })
        let paragraphs = gamma.blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } }
        #expect(paragraphs.first == "Pass 1 prune (ratio 50.0 %, threshold 1.34e-5): sparse enough for this ratio. All 225 removed channels had |γ| below 0.01, and so had 160 of the 223 kept ones: the threshold lies inside the near-zero cluster, so a higher ratio would remove more channels that sparsity training has already driven to zero. Test accuracy right after the prune: 97.3 % → 97.3 %.")
        #expect(Summary(runs: [run]).rendered(as: .text).contains("Sparsity for the prune of pass 1 (ratio 0.5): sparse enough for this ratio: 225 of the 225 removed channels and 160 of the 223 kept ones had |γ| < 0.01"))
    }
}
