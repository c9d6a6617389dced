import Foundation
import SlimAnalysis
import Testing
@testable import SlimReport

/// Logs as `slim-report import` writes them: no epochs, the accuracy the checkpoint saved
/// (`best_prec1`), the importer's `warning` events.
@Suite struct ImportedLogReportTests {
    /// A pruned network imported alone whose every selection is empty: a collapse.
    private func collapsed() throws -> RunAnalysis {
        let lines = [
            #"{"type":"run","schema":"slim-run/1","run_id":"c","name":"pruned tiny: c.pth.tar","created":"2026-12-03T10:00:00Z","engine":{"name":"slim-report import","version":"0.1.0"},"config":{"model":"tiny","dataset":"cifar10","best_prec1":0.1},"input":{"channels":1,"height":8,"width":8},"classes":10}"#,
            #"{"type":"warning","message":"c.pth.tar: every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed"}"#,
            #"{"type":"architecture","pass":0,"layers":[{"name":"conv1","op":"conv2d","in_shape":[1,8,8],"out_shape":[4,8,8],"kernel":[3,3],"stride":[1,1],"padding":[1,1],"groups":1,"bias":false},{"name":"bn","op":"batchnorm2d","in_shape":[4,8,8],"out_shape":[4,8,8],"prunable":true},{"name":"select","op":"select","in_shape":[4,8,8],"out_shape":[0,8,8],"selected":[]},{"name":"relu","op":"relu","in_shape":[0,8,8],"out_shape":[0,8,8]},{"name":"avgpool","op":"avgpool2d","in_shape":[0,8,8],"out_shape":[0,1,1],"kernel":[8,8],"stride":[8,8],"padding":[0,0]},{"name":"flatten","op":"flatten","in_shape":[0,1,1],"out_shape":[0]},{"name":"fc","op":"linear","in_shape":[0],"out_shape":[10],"bias":true}]}"#,
            #"{"type":"gamma","pass":0,"phase":"pruned","epoch":0,"step":0,"layers":{"bn":[0,0,0,0]}}"#,
            #"{"type":"end","status":"completed","seconds":0}"#,
        ]
        return try RunAnalysis.read(path: SampleLog.write(lines: lines)).run
    }

    @Test func aCollapsedNetworkSaysSoOnPageOneAndDrawsNoEmptyAxes() throws {
        let run = try collapsed()
        #expect(run.warnings.map(\.message) == ["c.pth.tar: every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed"])
        let document = RunReport.document(run)
        #expect(document.notes == ["c.pth.tar: every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed"])
        let names = document.charts.map(\.name)
        #expect(!names.contains("widths"))
        #expect(!names.contains("gamma-hist-log"))
        #expect(names.contains("gamma-hist"))
        #expect(document.sections[1].blocks.contains {
            if case .note(let n) = $0 { n == "Every BatchNorm layer has 0 channels in every pass: the network has collapsed, there are no widths to draw." } else { false }
        })
    }

    @Test func aSingleImportedNetworkHasOneColumnAndItsSavedAccuracy() throws {
        let document = RunReport.document(try collapsed())
        guard case .table(let costs) = document.sections[0].blocks[0] else { Issue.record("no cost table"); return }
        #expect(costs.header == ["", "network"])
        #expect(costs.rows.allSatisfy { $0.count == 2 })
        let accuracy = document.sections[0].blocks.compactMap { if case .table(let t) = $0, t.header.first == "test accuracy" { t } else { nil } }
        #expect(accuracy.first?.rows == [["pruned network, as saved", "10.0 %"]])
    }
}
