import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct DominanceTests {
    @Test func oneStandardErrorOfAnAccuracy() {
        // √(0.98 · 0.02 / 1000) = 0.004427…: the "about 0.45 points" of docs/slimming.md.
        #expect(abs(accuracyStandardError(0.98, images: 1_000) - 0.0044271887) < 1e-9)
        #expect(accuracyStandardError(1, images: 1_000) == 0)
        #expect(accuracyStandardError(0.5, images: 0).isNaN)
    }

    @Test func theTestSetSizeComesFromTheDatasetAndMustFitTheAccuracies() throws {
        let run = try ExampleLogs.run("lambda-0.log.gz")
        #expect(run.testImages == 1_000)
        var unknown = run
        unknown.header?.config.dataset = "my-data"
        #expect(unknown.testImages == nil)
        var misfit = run
        misfit.epochs[0].testAccuracy = 0.12345
        #expect(misfit.testImages == nil)
    }

    @Test func theLambdaSweepDecides() throws {
        // Final accuracy / FLOPs of the real example runs (seed 1): λ=0 97.8 % at 18.5M,
        // λ=1e-3 98.4 % at 15.9M, λ=5e-3 97.9 % at 18.5M, λ=1e-2 97.0 % at 15.7M, 3 passes 98.4 % at 10.0M.
        let names = ["lambda-0", "lambda-1e-3", "lambda-5e-3", "lambda-1e-2", "passes-3"]
        let runs = try names.map { try ExampleLogs.run("\($0).log.gz") }
        let comparison = RunComparison(runs: runs, labels: names)
        #expect(comparison.groups.count == 5)
        let d = comparison.dominance
        #expect(d.testImages == 1_000)
        // 98.4 − 97.8 = 0.6 points > one standard error (≈ 0.4): λ=1e-3 beats λ=0 at fewer FLOPs.
        #expect(d.pairs.contains { $0.winner == 1 && $0.loser == 0 })
        #expect(d.pairs.contains { $0.winner == 4 && $0.loser == 3 })
        // Nothing beats the 3-pass run: it is the cheapest and ties for the best accuracy.
        #expect(!d.pairs.contains { $0.loser == 4 })
        #expect(Set(d.withinNoiseOfBest) == [1, 4])
        #expect(d.cheapestOfBest == 4)
        // λ=0 (97.8 %) and λ=5e-3 (97.9 %) are within noise of each other; λ=1e-2 (97.0 %) is alone.
        #expect(d.tiedSets == [[1, 4], [2, 0]])
    }

    @Test func seedsFormOneGroupWithTheCommonLabel() throws {
        let a = try SampleRun.analysis(SampleRun.events(name: "s1", seed: 1, finalAccuracy: 0.94))
        let b = try SampleRun.analysis(SampleRun.events(name: "s2", seed: 2, finalAccuracy: 0.92))
        let comparison = RunComparison(runs: [a, b, a], labels: ["λ=0 s1", "λ=0 s2", "λ=0 s1 again"])
        #expect(comparison.groups.count == 1)
        let g = comparison.groups[0]
        #expect(g.label == "λ=0")
        #expect(g.members == [0, 1, 2])
        #expect(g.seeds == [1, 2, 1])
        #expect(g.accuracyFinal?.min == 0.92 && g.accuracyFinal?.max == 0.94)
        #expect(g.passes.map(\.pass) == [0, 1])
        #expect(RunComparison.commonLabel(["mnist λ=1e-3", "mnist λ=1e-2"]) == "mnist")
        #expect(RunComparison.commonLabel(["a", "b"]) == "a")
        #expect(RunComparison.commonLabel(["λ=1e-3,s1", "λ=1e-3,s2"]) == "λ=1e-3")
        #expect(RunComparison.commonLabel(["run", "run"]) == "run")
    }
}
