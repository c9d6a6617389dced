import Foundation
import Testing
import SlimAnalysis
import SlimCharts
@testable import SlimReport

/// A network of 70 prunable layers: the per-layer charts show 64 of them, evenly spaced, and
/// the report says so.
@Suite struct DeepNetworkTests {
    static let blocks = 70

    static func run() throws -> RunAnalysis {
        func arch(_ pass: Int, _ widths: [Int]) -> String {
            var c = 1, layers: [String] = []
            for (i, w) in widths.enumerated() {
                layers.append(#"{"name":"b\#(i).conv","op":"conv2d","in_shape":[\#(c),4,4],"out_shape":[\#(w),4,4],"kernel":[3,3],"stride":[1,1],"padding":[1,1],"groups":1,"bias":false}"#)
                layers.append(#"{"name":"b\#(i).bn","op":"batchnorm2d","in_shape":[\#(w),4,4],"out_shape":[\#(w),4,4],"prunable":true}"#)
                c = w
            }
            layers.append(#"{"name":"pool","op":"global_avgpool","in_shape":[\#(c),4,4],"out_shape":[\#(c)]}"#)
            layers.append(#"{"name":"fc","op":"linear","in_shape":[\#(c)],"out_shape":[10],"bias":true}"#)
            return #"{"type":"architecture","pass":\#(pass),"layers":["# + layers.joined(separator: ",") + "]}"
        }
        let gammas = (0..<blocks).map { #""b\#($0).bn":[0.9,0.001,0.5,0.002]"# }.joined(separator: ",")
        let kept = (0..<blocks).map { #"{"layer":"b\#($0).bn","before":4,"after":2,"kept":[0,2]}"# }.joined(separator: ",")
        let lines = [
            #"{"type":"run","schema":"slim-run/1","run_id":"r","name":"deep","created":"2026-11-25T07:00:00Z","engine":{"name":"t","version":"1"},"config":{"model":"deep","dataset":"d","prune_ratio":0.5},"input":{"channels":1,"height":4,"width":4},"classes":10}"#,
            arch(0, Array(repeating: 4, count: blocks)),
            #"{"type":"gamma","pass":0,"phase":"sparsity","epoch":1,"step":10,"layers":{"# + gammas + "}}",
            #"{"type":"prune","pass":1,"ratio":0.5,"threshold":0.002,"layers":["# + kept + "]}",
            arch(1, Array(repeating: 2, count: blocks)),
        ]
        return try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
    }

    @Test func perLayerChartsShowAnEvenSampleAndSaySo() throws {
        let data = RunData(try Self.run())
        #expect(data.layers.count == Self.blocks)
        #expect(data.chartLayers.count == RunData.maxChartLayers)
        #expect(data.chartLayers.first == "b0.bn" && data.chartLayers.last == "b69.bn")
        let document = RunReport.document(data.run)
        let note = "The network has 70 prunable BatchNorm layers; the per-layer charts show 64 of them, evenly spaced from the first to the last; slim-report summary lists every layer."
        for title in ["Pruning pattern", "BatchNorm γ"] {
            let section = try #require(document.sections.first { $0.title == title })
            #expect(section.blocks.contains { if case .note(note) = $0 { true } else { false } }, "\(title)")
        }
        let costs = try #require(document.sections.first { $0.title == "Costs" })
        #expect(costs.blocks.contains { if case .note(let n) = $0 { n.hasPrefix("The network has 71 conv and linear layers;") } else { false } })
        let heatmap = try #require(document.charts.first { $0.name == "kept-heatmap" })
        #expect(heatmap.size.height == 120 + 22 * 64)
        // Four figures of 16 small multiples, not five.
        #expect(document.charts.filter { $0.name.hasPrefix("gamma-layers") }.count == 4)
    }
}
