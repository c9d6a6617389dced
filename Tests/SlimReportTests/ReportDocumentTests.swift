import Foundation
import SlimAnalysis
import SlimCharts
import Testing
@testable import SlimReport

@Suite struct ReportDocumentTests {
    @Test func aCompleteRunHasEverySectionAndItsCharts() throws {
        let document = RunReport.document(try SampleLog.run())
        #expect(document.sections.map(\.title) == ["Headline", "Pruning pattern", "BatchNorm γ", "Training", "Costs"])
        let names = Set(document.charts.map(\.name))
        for name in ["widths", "kept-heatmap", "gamma-hist", "gamma-hist-log", "gamma-layers", "gamma-evolution",
                     "gamma-heatmap", "accuracy", "loss", "costs", "latency", "whatif"] {
            #expect(names.contains(name), "missing chart \(name)")
        }
        #expect(document.notes.isEmpty)
    }

    @Test func headlineShowsCostsLatencyAndAccuracy() throws {
        let document = RunReport.document(try SampleLog.run())
        guard case .table(let costs) = document.sections[0].blocks[0] else { Issue.record("no cost table"); return }
        #expect(costs.header == ["", "original", "pass 1", "change"])
        #expect(costs.rows.map { $0[0] } == ["parameters", "FLOPs", "model bytes", "latency, batch 1", "latency, batch 64"])
        #expect(costs.rows[3][1...3] == ["2 ms", "1.2 ms", "−40.0%"])
        let accuracy = document.sections[0].blocks.compactMap { if case .table(let t) = $0, t.header.first == "test accuracy" { t } else { nil } }
        #expect(accuracy.first?.rows.map { $0[1] } == ["93.0%", "70.0%", "65.0%", "92.0%"])
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
        guard case .table(let runs) = document.sections[0].blocks[0] else { Issue.record("no runs table"); return }
        #expect(runs.rows.map(\.first) == ["full", "cut"])
        #expect(Set(document.charts.map(\.name)).isSuperset(of: ["prune-accuracy", "tradeoff", "tradeoff-params", "widths", "accuracy"]))
        #expect(runs.header.suffix(3) == ["accuracy: trained", "pruned", "final"])
    }

    @Test func accuracyAroundThePruneDrawsTheThreeRecordedValues() throws {
        let run = try SampleLog.run()
        let chart = try #require(ComparisonCharts.accuracyAroundPrune([RunData(run)], labels: ["a"]))
        let line = try #require(chart.marks.first as? LineMark)
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
        #expect(points.pointLabels?.contains("pass 1, batch 1: −3900.0%, off scale") == true)
        #expect(points.pointLabels?.contains("pass 1, batch 64") == true)
        #expect(chart.caption?.contains("bottom edge") == true)
    }
}
