import Foundation
import Testing
import SlimLog
@testable import SlimImport

@Suite struct LogRoundTripTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("slim-import-\(UUID().uuidString)-\(name)").path
    }

    @Test func anImportedPairReadsBackAsTheSameEvents() throws {
        let imported = try CheckpointImport(checkpoint: try Fixtures.path("vgg_sr_zip.pth.tar"),
                                            pruned: try Fixtures.path("vgg_pruned_legacy.pth.tar"))
        let path = temporaryPath("pair.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try imported.write(to: path, created: "2026-11-25T08:00:00Z", runID: "pair")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(warnings.isEmpty)
        #expect(events == imported.events(created: "2026-11-25T08:00:00Z", runID: "pair"))
    }

    @Test func anExistingOutputIsNeitherOverwrittenNorLeftHalfWritten() throws {
        let imported = try CheckpointImport(checkpoint: try Fixtures.path("vgg_sr_zip.pth.tar"))
        let path = temporaryPath("exists.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("keep".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LogError.writeFailed(path: path, reason: "the file exists; choose another output")) {
            try imported.write(to: path, created: "2026-11-25T08:00:00Z", runID: "x")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.contains("exists.log.partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func theRealPairReadsBack() throws {
        guard let original = RealCheckpoints.path(RealCheckpoints.sparsity),
              let pruned = RealCheckpoints.path(RealCheckpoints.pruned) else { return }
        let imported = try CheckpointImport(checkpoint: original, pruned: pruned)
        let path = temporaryPath("kamy.log")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try imported.write(to: path, created: "2026-11-25T08:00:00Z", runID: "kamy")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(warnings.isEmpty)
        #expect(events == imported.events(created: "2026-11-25T08:00:00Z", runID: "kamy"))
    }

    /// The Python recorder's output (scripts/pytorch/make_import_fixtures.py) is a valid log.
    @Test func aLogFromThePythonRecorderReads() throws {
        let (events, warnings) = try LogReader.readAll(path: try Fixtures.path("recorder-sample.log"))
        #expect(warnings.isEmpty)
        #expect(events.map(\.type) == ["run", "architecture", "gamma", "epoch", "gamma", "prune", "architecture", "gamma", "end"])
        let expected = try #require(try Fixtures.expected()["vgg"] as? [String: Any])
        guard case let .gamma(gamma) = events[4], case let .prune(prune) = events[5], case let .epoch(epoch) = events[3],
              case let .run(header) = events[0] else {
            Issue.record("unexpected events"); return
        }
        let gammas = try #require(expected["gammas"] as? [String: Any])
        #expect(gamma.layers.allSatisfy { $0.values == Fixtures.floats(gammas[$0.layer]) })
        #expect(prune.layers.map(\.kept) == (expected["kept"] as? [[Int]]))
        #expect(prune.thresholdIndex == expected["threshold_index"] as? Int)
        #expect(epoch.testLoss?.isNaN == true)
        #expect(header.config.cfg == ["6", "M", "8", "M", "8", "M", "8", "M", "8"])
        // The same pair imported from checkpoints gives the same prune.
        let imported = try CheckpointImport(checkpoint: try Fixtures.path("vgg_sr_zip.pth.tar"),
                                            pruned: try Fixtures.path("vgg_pruned_legacy.pth.tar"))
        #expect(imported.prune?.layers == prune.layers)
        #expect(imported.prune?.threshold == prune.threshold)
    }
}
