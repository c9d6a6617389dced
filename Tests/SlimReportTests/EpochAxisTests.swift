import Foundation
import SlimAnalysis
import SlimCharts
import SlimLog
import Testing
@testable import SlimReport

@Suite struct EpochAxisTests {
    @Test func snapshotsSitAtTheirStepBetweenEpochEnds() throws {
        let run = try SampleLog.run()
        let data = RunData(run)
        // Sparsity γ at the ends of epochs 1–3 (steps 10, 20, 30), fine-tuning γ at step 35,
        // halfway through the fourth epoch of the run.
        #expect(run.gammas.map { data.clock.position(of: $0) } == [1, 2, 3, 3.5])
        #expect(data.pruneMarks.map(\.x) == [3])
        #expect(data.clock.position(step: 5) == 0.5)
        #expect(data.clock.position(step: 60) == 6)
    }

    @Test func scalarSeriesGetOneChartEachInTheTrainingSection() throws {
        var lines = SampleLog.lines()
        let scalars = [#"{"type":"scalar","pass":0,"phase":"sparsity","epoch":1,"step":5,"name":"penalty <λ>","value":0.5}"#,
                       #"{"type":"scalar","pass":0,"phase":"sparsity","epoch":2,"step":20,"name":"penalty <λ>","value":0.25}"#,
                       #"{"type":"scalar","pass":1,"phase":"finetune","epoch":1,"name":"lr","value":0.01}"#]
        lines.insert(contentsOf: scalars, at: lines.count - 1)
        let run = try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
        let charts = TrainingCharts.scalars(RunData(run))
        #expect(charts.map(\.name) == ["scalar-1", "scalar-2"])
        #expect(charts.map(\.chart.title) == ["penalty <λ>", "lr"])
        let line = try #require(charts[0].chart.marks.first as? LineMark)
        #expect(line.x == [0.5, 2] && line.y == [0.5, 0.25])
        // without a step: the epoch within its pass, after the 3 sparsity epochs
        #expect((charts[1].chart.marks.first as? LineMark)?.x == [4])
        let training = RunReport.document(run).sections.first { $0.title == "Training" }
        let names = training?.blocks.compactMap { if case .chart(let c) = $0 { c.name } else { nil } }
        #expect(names == ["accuracy", "loss", "scalar-1", "scalar-2"])
        // chart files and SVG ids use the slug, never the series name
        let html = try HTMLWriter().html(RunReport.document(run))
        #expect(html.contains("scalar-2-") && !html.contains("penalty <λ>"))
    }

    @Test func withoutIncreasingStepsTheEpochWithinThePassIsUsed() {
        let epochs = [1, 2].map { EpochRecord(pass: 0, phase: .sparsity, epoch: $0, step: 0, lr: 0.1, trainLoss: 1, trainAccuracy: 0.5, seconds: 1) }
            + [EpochRecord(pass: 1, phase: .finetune, epoch: 1, step: 0, lr: 0.1, trainLoss: 1, trainAccuracy: 0.5, seconds: 1)]
        let clock = EpochClock(epochs: epochs)
        let snapshot = GammaSnapshot(pass: 1, phase: .finetune, epoch: 1, step: 0, layers: [])
        #expect(clock.position(of: snapshot) == 3)
        #expect(clock.start(ofPass: 1) == 2)
    }

    @Test func theChannelHeatMapRunsInEpochsAcrossThePrune() throws {
        let chart = try #require(GammaCharts.heatmap(RunData(try SampleLog.run()), layer: nil))
        #expect(chart.x.title == "epoch (all phases)")
        let map = try #require(chart.marks.first as? HeatMapMark)
        // feature.5: 8 channels; the image spans the first to the last snapshot, in epochs.
        #expect(map.values.count == 8)
        #expect(abs(map.extents.x.lower - 1) < 1e-9 && abs(map.extents.x.upper - 3.5) < 1e-9)
        // The prune kept channels 0, 1, 3, 5: those four rank first (by final |γ|: 0.9 of
        // channel 5 first) and stay coloured; the removed ones are NaN after the prune.
        let survivors = map.values.prefix(4), removed = map.values.suffix(4)
        #expect(survivors.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(removed.allSatisfy { !$0.last!.isFinite && $0.first!.isFinite })
        // The sample's |γ| spans more than two decades, so the colour is log10 |γ|.
        #expect(map.colorTitle == "|γ| (log)")
        #expect(map.values[0].last == log10(Double(Float(0.9))))
        #expect(map.missingNote == "grey: pruned channels")
        let rules = chart.marks.compactMap { $0 as? RuleMark }
        #expect(rules.map(\.value) == [3] && chart.caption == "Dashed lines: prunes.")
    }

    @Test func aMaskedLayerKeepsItsChannelsAndGreysTheRemovedOnes() throws {
        // A channel-selection network keeps all 8 γ of feature.5 after the prune.
        let lines = SampleLog.lines().map { line in
            line.contains(#""phase":"finetune","epoch":1,"step":35"#)
                ? #"{"type":"gamma","pass":1,"phase":"finetune","epoch":1,"step":35,"layers":{"feature.1":[0.8,0.6],"feature.5":[0.5,0.6,0.1,0.7,0.1,0.9,0.1,0.1]}}"#
                : line
        }
        let run = try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
        let map = try #require(GammaCharts.heatmap(RunData(run), layer: "feature.5")?.marks.first as? HeatMapMark)
        #expect(map.extents.x.upper == 3.5)
        #expect(map.values.prefix(4).allSatisfy { $0.last!.isFinite })
        #expect(map.values.suffix(4).allSatisfy { !$0.last!.isFinite })
    }

    @Test func nineLayersMakeAFullThreeByThreeGrid() {
        #expect(GammaCharts.columns(9) == 3)
        #expect(GammaCharts.columns(10) == 4)
        #expect(GammaCharts.columns(5) == 3)
    }

    @Test func theNearestSnapshotServesEachSideOfAPrune() {
        let xs = [1.0, 2, 2, 3]
        #expect(GammaCharts.nearest(1.9, in: xs) == 1)
        #expect(GammaCharts.nearest(2.1, in: xs) == 2)
        #expect(GammaCharts.nearest(0.5, in: xs) == 0)
        #expect(GammaCharts.nearest(9, in: xs) == 3)
    }
}
