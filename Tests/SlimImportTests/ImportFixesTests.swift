import Foundation
import Testing
import SlimAnalysis
import SlimLog
@testable import SlimImport

/// What an imported log tells the report: whole numbers, the saved accuracy, warnings, what a
/// pruned checkpoint imported alone is, and why a BN-folded derivative cannot be imported.
@Suite struct ImportFixesTests {
    private func analysis(_ events: [Event]) throws -> RunAnalysis {
        var accumulator = RunAccumulator(source: "import")
        for event in events { accumulator.add(event) }
        return try accumulator.finish()
    }

    @Test func wholeNumbersInTheConfigAreIntegers() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.sparsity) else { return }
        let events = try CheckpointImport(checkpoint: path).events(created: "2026-12-03T10:00:00Z", runID: "r20")
        let line = String(decoding: events[0].jsonLine, as: UTF8.self)
        #expect(line.contains(#""reference_cfg":[16,16,16,64,16,16,64,32,32,128,32,32,128,64,64,256,64,64,256]"#))
        #expect(line.contains(#""checkpoint_epoch":66,"#))
        #expect(line.contains(#""best_prec1":0.8910999894142151"#)) // the float32 tensor as saved
    }

    @Test func bestPrec1IsTheBaselineAccuracy() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.sparsity) else { return }
        let run = try analysis(try CheckpointImport(checkpoint: path).events(created: "2026-12-03T10:00:00Z", runID: "r20"))
        #expect(run.passSummaries.first?.accuracy.beforePrune == Double(Float(0.8911)))
    }

    @Test func aPrunedCheckpointAloneIsLoggedAsWhatItIs() throws {
        guard let pruned = RealCheckpoints.path(RealCheckpoints.pruned),
              let refined = RealCheckpoints.path(RealCheckpoints.legacyDenseNet) else { return }
        for (path, name, phase) in [(pruned, "pruned preresnet20: kamy_preresnet20_pruned.pth.tar", Phase.pruned),
                                    (refined, "pruned and fine-tuned densenet40: cs760_densenet40_refined_legacy.pth.tar", .finetune)] {
            let imported = try CheckpointImport(checkpoint: path)
            #expect(imported.isPrunedAlone)
            let events = imported.events(created: "2026-12-03T10:00:00Z", runID: "alone")
            guard case let .run(header) = events[0] else { Issue.record("no run line"); continue }
            #expect(header.name == name)
            #expect(events.compactMap { if case let .gamma(g) = $0 { g.phase } else { nil } } == [phase])
            #expect(events.contains(.warning(RunWarning(message: "\(path) holds a pruned network (it saves a cfg) and is logged as pass 0; for a prune event import its sparsity-trained checkpoint with --pruned \(path)"))))
        }
        // The DenseNet's saved best_prec1 is its own (fine-tuned) accuracy.
        let run = try analysis(try CheckpointImport(checkpoint: refined).events(created: "2026-12-03T10:00:00Z", runID: "d"))
        #expect(run.passSummaries.first?.accuracy.beforePrune == 0.9341)
    }

    @Test func importWarningsAreLoggedAndReadBack() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.collapsed) else { return }
        let imported = try CheckpointImport(checkpoint: path)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("slim-import-\(UUID().uuidString)-collapsed.log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        try imported.write(to: log, created: "2026-12-03T10:00:00Z", runID: "collapsed")
        let (events, warnings) = try LogReader.readAll(path: log)
        #expect(warnings.isEmpty)
        #expect(events.map(\.type) == ["run", "warning", "warning", "architecture", "gamma", "end"])
        let run = try analysis(events)
        #expect(run.warnings.map(\.message) == imported.checkpointWarnings)
        #expect(run.warnings.first?.message == "\(path): every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed and its output no longer depends on the input")
    }

    @Test func thePrunesOwnWarningsStayInThePruneEvent() throws {
        guard let original = RealCheckpoints.path(RealCheckpoints.sparsity),
              let pruned = RealCheckpoints.path(RealCheckpoints.pruned) else { return }
        let imported = try CheckpointImport(checkpoint: original, pruned: pruned)
        #expect(imported.checkpointWarnings.isEmpty)
        #expect(imported.warnings.count == 16)
        #expect(!imported.events(created: "2026-12-03T10:00:00Z", runID: "pair").contains { $0.type == "warning" })
    }

    @Test func aBNFoldedDerivativeIsRefusedWithWhatWasFound() throws {
        let path = try Fixtures.path("resnet_folded.pth.tar")
        #expect(throws: ImportError.foldedBatchNorm(file: path, batchNorms: 7, cfgEntries: 19, bias: "layer1.0.conv1.bias")) {
            try ImportedCheckpoint(contentsOf: path)
        }
        #expect(ImportError.foldedBatchNorm(file: "f.pth", batchNorms: 13, cfgEntries: 37, bias: "layer1.0.conv1.bias").description
                == "f.pth: 13 BN layers for 37 cfg entries, and the convolutions have biases ('layer1.0.conv1.bias'): the BN layers after the convolutions were folded into them before saving, and their γ, which Network Slimming prunes by, with them; import the checkpoint saved before folding (main.py's model_best.pth.tar, or the pruned.pth.tar of the pruning script)")
    }
}
