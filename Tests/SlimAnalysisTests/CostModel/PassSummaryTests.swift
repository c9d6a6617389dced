import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct PassSummaryTests {
    @Test func passesCompareCostsAccuracyAndLatency() throws {
        let passes = try SampleRun.analysis().passSummaries
        #expect(passes.map(\.pass) == [0, 1])
        let original = try NetworkCost(architecture: SampleRun.architecture(SampleRun.cfg, pass: 0))
        let pruned = try NetworkCost(architecture: SampleRun.architecture(SampleRun.prunedCfg, pass: 1))
        #expect(passes[1].cost.params == pruned.params)
        #expect(passes[1].fromOriginal.params.before == Double(original.params))
        #expect(passes[1].fromOriginal.flops.saved == Double(original.flops - pruned.flops))
        #expect(passes[1].widths.map(\.width) == [2, 1, 4])
        #expect(passes[0].accuracy.beforePrune == 0.95)
        #expect(passes[1].accuracy == PassAccuracy(beforePrune: 0.95, afterPrune: 0.80, afterPruneUncompensated: 0.6, afterFinetune: 0.94))
        // The fine-tuned measurement wins over the one right after the prune.
        #expect(passes[1].measured?.latency.first?.medianMs == 1.5)
        let speedup = try #require(passes[1].speedups.first)
        #expect(speedup.latencyMs.savedFraction == 0.25)
        let flopsSaved = try #require(speedup.flops.savedFraction)
        #expect(speedup.latencyPerFLOPSaved == 0.25 / flopsSaved)
        #expect(passes[1].peakMemory?.savedFraction == 0.4)
        #expect(passes[0].peakMemory == nil)
    }

    @Test func aMissingPrunedArchitectureIsDerivedFromTheKeptChannels() throws {
        let derived = try SampleRun.analysis(SampleRun.events(recordPrunedArchitecture: false))
        #expect(derived.architectures[1] == SampleRun.architecture(SampleRun.prunedCfg, pass: 1))
    }

    @Test func resumeDiscardsTheCrashedSegmentsRepeatedEvents() throws {
        var events = Array(SampleRun.events().prefix(6)) // up to the second epoch and its γ
        events.append(.resume(ResumeMarker(created: "2026-11-25T08:00:00Z", pass: 0, phase: .sparsity, epoch: 2, step: 10)))
        events.append(contentsOf: SampleRun.events().dropFirst(4))
        let run = try SampleRun.analysis(events)
        #expect(run.resumes == 1)
        #expect(run.epochs.map(\.step) == [10, 20, 30])
        #expect(run.gammas.map(\.step) == [10, 20])
    }

    @Test func aLogWithoutArchitectureHasγStatisticsButNoCosts() throws {
        var accumulator = RunAccumulator(source: "x.log")
        accumulator.add(.run(SampleRun.header(name: "x")))
        accumulator.add(.gamma(SampleRun.snapshot(pass: 0, phase: .sparsity, epoch: 1, step: 1, scale: 1)))
        let run = try accumulator.finish()
        #expect(run.passSummaries.isEmpty)
        #expect(run.gammaTimeline.first?.pooled.count == 16)
        #expect(throws: AnalysisError.noArchitecture(run: "x")) { try run.whatIf() }
        #expect(AnalysisError.noArchitecture(run: "x").description
                == "x: the log has no architecture event, so costs cannot be computed; record the network with an architecture event (pass 0), e.g. with slim-train plan")
        #expect(Summary(runs: [run]).rendered(as: .text).contains("No architecture event: costs and widths are unavailable."))
    }
}
