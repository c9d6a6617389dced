import Testing
@testable import SlimAnalysis

/// The sparsity verdict on the real logs under `reports/logs/`.
@Suite struct ExampleLogVerdictTests {
    @Test func theExampleLogsAreThere() {
        #expect(ExampleLogs.names.count >= 7)
    }

    @Test func aStronglySparseRunIsNotCalledInsufficient() throws {
        // λ = 1e-2: every removed channel was driven to zero and the prune cost no accuracy.
        let verdict = try #require(try ExampleLogs.run("lambda-1e-2.log.gz").sparsityVerdicts.first)
        #expect(verdict.removedChannels == 225 && verdict.removedNearZero == 225)
        #expect(verdict.accuracyBefore == 0.973 && verdict.accuracyAfter == 0.973)
        #expect(verdict.level == .sparseEnough)
    }

    @Test func thePassesRunRemovesWhatItsPruneRecordSays() throws {
        // Pass 1: threshold index 134, so channels 0…134 of the sorted pool (135) are at or
        // below the threshold; the record's layers remove 4 + 8 + 15 + 17 + 45 + 46 = 135.
        let run = try ExampleLogs.run("passes-3.log.gz")
        let first = try #require(run.sparsityVerdicts.first)
        #expect(run.prunes[0].thresholdIndex == 134)
        #expect(first.removedChannels == 135 && first.totalChannels == 448)
    }

    @Test(arguments: ExampleLogs.names)
    func everyVerdictCountsThePruneRecord(name: String) throws {
        let run = try ExampleLogs.run(name)
        let recorded = run.sparsityVerdicts.filter { !$0.planned }
        #expect(recorded.map(\.pass) == run.prunePatterns.map(\.pass))
        for (verdict, pattern) in zip(recorded, run.prunePatterns) {
            #expect(verdict.removedChannels == pattern.removed, "pass \(verdict.pass)")
            #expect(verdict.totalChannels == pattern.channelsBefore, "pass \(verdict.pass)")
        }
    }

    @Test func theLastPassOfAFinishedRunHasNoThreshold() throws {
        // passes-3 ran its 3 configured passes: no prune follows pass 3, so no planned verdict
        // and no threshold for its γ, while passes 0–2 refer to the prunes that ended them.
        let run = try ExampleLogs.run("passes-3.log.gz")
        #expect(run.sparsityVerdicts.map(\.planned) == [false, false, false])
        let timeline = run.gammaTimeline
        #expect(timeline.filter { $0.pass == 3 }.allSatisfy { $0.pooled.threshold == nil && $0.pooled.within10Percent == nil })
        #expect(timeline.first { $0.pass == 2 }?.pooled.threshold == run.prunes[2].threshold)
        #expect(run.referenceThreshold(pass: 3) == nil)
    }
}
