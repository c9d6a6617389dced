import Foundation
import SlimAnalysis
import SlimCharts
import Testing
@testable import SlimReport

@Suite struct ReportDocumentTests {
    @Test func aCompleteRunHasEverySectionAndItsCharts() throws {
        let document = RunReport.document(try SampleLog.run())
        #expect(document.sections.map(\.title) == ["Headline", "Pruning pattern", "BatchNorm γ", "Training", "Costs", "Latency by layer"])
        let names = Set(document.charts.map(\.name))
        for name in ["widths", "kept-heatmap", "gamma-hist", "gamma-hist-log", "gamma-layers", "gamma-evolution",
                     "gamma-heatmap", "accuracy", "loss", "costs", "latency", "whatif", "layer-time-share", "time-by-kind"] {
            #expect(names.contains(name), "missing chart \(name)")
        }
        #expect(document.notes.isEmpty)
    }

    @Test func headlineShowsCostsLatencyAndAccuracy() throws {
        let document = RunReport.document(try SampleLog.run())
        guard case .paragraph(let story) = document.sections[0].blocks[0] else { Issue.record("no story first"); return }
        #expect(story.hasPrefix("Sparsity training with λ = 0.001, one prune at ratio 0.5 (threshold "))
        #expect(story.contains("fewer FLOPs") && story.contains("Verdict: "))
        let tables = document.sections[0].blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        let costs = try #require(tables.first)
        #expect(costs.header == ["", "original", "pass 1", "change"])
        #expect(costs.rows.map { $0[0] } == ["parameters", "FLOPs", "MACs", "model bytes", "latency, batch 1", "latency, batch 64"])
        #expect(costs.rows[4][1...3] == ["2 ms", "1.2 ms", "−40.0 %"])
        let accuracy = document.sections[0].blocks.compactMap { if case .table(let t) = $0, t.header.first == "test accuracy" { t } else { nil } }
        #expect(accuracy.first?.rows.map { $0[1] } == ["93.0 %", "70.0 %", "65.0 %", "92.0 %"])
    }

    @Test func aPrunedNetworkMeasuredSlowerIsFlaggedNotHeadlined() throws {
        // The sample's pruned network measured 40 × slower at batch 1 (2 ms → 80 ms).
        let lines = SampleLog.lines().map { line in
            line.contains(#""phase":"finetune","latency""#)
                ? #"{"type":"measure","pass":1,"phase":"finetune","latency":[{"batch":1,"median_ms":80.0,"min_ms":1.5,"max_ms":90.0},{"batch":64,"median_ms":48.0}],"model_bytes":4000}"#
                : line
        }
        let document = RunReport.document(try RunAnalysis.read(path: SampleLog.write(lines: lines)).run)
        let costs = try #require(document.sections[0].blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
        #expect(costs.rows[4] == ["latency, batch 1", "2 ms", "80 ms (1.5–90)", "unreliable"])
        #expect(document.sections[0].blocks.contains { if case .note(let n) = $0 { n.hasPrefix("Latency at batch 1 is not a result: the pruned network measured slower") } else { false } })
    }

    @Test func aPartialLogRendersWithAVisibleNote() throws {
        let run = try SampleLog.run(keep: 9)
        let document = RunReport.document(run)
        #expect(document.notes.first?.hasPrefix("Status 'incomplete'") == true)
        #expect(document.sections[1].blocks.contains { if case .note(let n) = $0 { n == "The log has no prune event yet." } else { false } })
        let html = try HTMLWriter().html(document)
        #expect(html.contains("Status &#39;incomplete&#39;: the log has no end event"))
        let pdf = try PDFWriter().pdf(document)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    @Test func everyChartKindDrawsTheSampleRun() throws {
        let run = try SampleLog.run()
        for kind in ChartKind.allCases {
            #expect(kind.graphic(runs: [run], labels: ["a"]) != nil, "\(kind.rawValue) drew nothing")
        }
        #expect(ChartKind.gammaHeatmap.graphic(runs: [run], labels: ["a"], layers: ["no-such-layer"]) == nil)
    }

    @Test func aComparisonAlignsTheRuns() throws {
        let document = ComparisonReport.document([try SampleLog.run(), try SampleLog.run(keep: 9)], labels: ["full", "cut"])
        #expect(document.notes.contains("cut: partial log (no end event); its numbers are what was recorded so far."))
        #expect(document.sections[0].title == "Verdict")
        let tables = document.sections[0].blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        try #require(tables.count == 2)
        // The same configuration: one group of two, shown as one row.
        // The cut run has not pruned yet: the group's members differ, so a min–max row follows.
        #expect(tables[0].rows.map(\.first) == ["full (n=2)", "  min–max"])
        #expect(tables[0].header == ["run", "λ", "ratio × passes", "params", "saved", "FLOPs", "MACs", "saved"])
        #expect(tables[1].header == ["run", "threshold", "|γ| < 0.01", "trained", "pruned", "fine-tuned", "verdict"])
        #expect(Set(document.charts.map(\.name)).isSuperset(of: ["prune-accuracy", "tradeoff", "tradeoff-params", "widths", "accuracy", "gamma-overlay"]))
    }

    /// Seeds of one setting named alike are named once, with the group's size; runs named
    /// apart keep their names.
    @Test func runsNamedAlikeAreNamedOnce() throws {
        let alike = ComparisonReport.document([try SampleLog.run(), try SampleLog.run()], labels: ["λ=0", "λ=0"])
        #expect(alike.subtitle == "λ=0 (n=2)")
        let grouping = alike.sections[0].blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } }
        #expect(grouping.contains { $0.contains("drawn as its mean with min–max: λ=0 (seeds ") })
        let apart = ComparisonReport.document([try SampleLog.run(), try SampleLog.run(keep: 9)], labels: ["full", "cut"])
        #expect(apart.subtitle == "full · cut")
    }

    /// Runs of one architecture share one kept-share map, a column per run and pass.
    @Test func aComparisonOfOneArchitectureHasOneKeptShareMap() throws {
        let document = ComparisonReport.document([try SampleLog.run(), try SampleLog.run(name: "other")], labels: ["a", "b"])
        let kept = document.charts.filter { $0.name.hasPrefix("kept") }
        try #require(kept.map(\.name) == ["kept"])
        let map = try #require((kept[0].graphic as? Chart)?.marks.first as? HeatMapMark)
        #expect(map.columnLabels == ["a", "b"])
        #expect(map.rowLabels == RunData(try SampleLog.run()).chartLayers)
        #expect(map.values.allSatisfy { $0.count == 2 && $0.allSatisfy { $0 > 0 && $0 <= 1 } })
    }

    @Test func accuracyAroundThePruneDrawsTheThreeRecordedValues() throws {
        let run = try SampleLog.run()
        let chart = try #require(ComparisonCharts.accuracyAroundPrune(ComparedRuns([run], labels: ["a"])))
        let line = try #require(chart.marks.first as? RangeMark)
        let pass1 = try #require(run.passSummaries.first { $0.pass == 1 })
        let recorded = [pass1.accuracy.beforePrune, pass1.accuracy.afterPrune, pass1.accuracy.afterFinetune]
        #expect(line.x == [0, 1, 2])
        #expect(line.y == recorded.compactMap { $0 })
        #expect(recorded.allSatisfy { $0 != nil })
    }
}

@Suite struct LatencyChartTests {
    @Test func aManyTimesSlowerMeasurementSitsOnTheEdgeWithItsValue() throws {
        // The sample's pruned network measured 40 × slower at batch 1 (2 ms → 80 ms).
        let lines = SampleLog.lines().map { line in
            line.contains(#""phase":"finetune","latency""#)
                ? #"{"type":"measure","pass":1,"phase":"finetune","latency":[{"batch":1,"median_ms":80.0},{"batch":64,"median_ms":48.0}],"model_bytes":4000}"#
                : line
        }
        let run = try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
        let chart = try #require(CostCharts.latency(RunData(run)))
        let points = try #require(chart.marks.compactMap { $0 as? ScatterMark }.first)
        #expect(points.y.min() == CostCharts.latencyFloor)
        #expect(points.pointLabels?.contains("pass 1, batch 1: -3900.0 %, off scale") == true)
        #expect(points.pointLabels?.contains("pass 1, batch 64") == true)
        #expect(chart.caption?.contains("bottom edge") == true)
    }
}

/// The "Latency by layer" section: the analysis's paragraph, the tables, the rounding row.
@Suite struct LatencySectionTests {
    @Test func theSectionExplainsAndComparesRoundedWidths() throws {
        let document = RunReport.document(try SampleLog.run())
        let section = try #require(document.sections.first { $0.title == "Latency by layer" })
        let paragraphs = section.blocks.compactMap { if case .paragraph(let p) = $0 { p } else { nil } }
        #expect(paragraphs.first?.hasPrefix("Measured in a fresh process on Test CPU with 2 threads") == true)
        #expect(paragraphs.contains { $0.hasPrefix("At batch 1, FLOPs fell") })
        #expect(paragraphs.contains { $0.contains("pass 1, batch 1: lowest median with multiples of 4 (1.4 ms against 1.5 ms unrounded), clear of every other range") })
        let tables = section.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.first?.rows.map { $0[0] } == ["feature.0", "feature.3", "feature.4", "pool", "classifier"])
        #expect(tables.last?.rows.map { $0[1] } == ["1 (as pruned)", "4"])
    }

    @Test func aLogWithoutPerLayerTimesSaysSo() throws {
        let lines = SampleLog.lines().map { $0.contains("\"type\":\"measure\"") ? $0.replacing(/,"layers":\[[^\]]*\]/, with: "") : $0 }
        let run = try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
        let section = try #require(RunReport.document(run).sections.first { $0.title == "Latency by layer" })
        guard case .note(let note) = section.blocks.first else { Issue.record("no note"); return }
        #expect(note.hasPrefix("The log's measurements have no per-layer times"))
    }
}
