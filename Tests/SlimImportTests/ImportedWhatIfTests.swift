import Foundation
import Testing
import SlimAnalysis
import SlimGzip
import SlimLog
@testable import SlimImport

/// `whatif` on imported networks against PyTorch: whatif-expected.json holds, per network, the
/// parameters torch counts for the network as saved and, per ratio, the widths resprune.py's
/// rule gives and the parameters of the network it rebuilds from them
/// (scripts/pytorch/make_whatif_fixtures.py).
@Suite struct ImportedWhatIfTests {
    static let ratios = [0.0, 0.3, 0.5, 0.7]

    private func expected(_ key: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("whatif-expected.json")))
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(all[key] as? [String: Any])
    }

    /// The log `slim-report import` writes, read back as the analyzer reads it.
    private func analysis(_ imported: CheckpointImport) throws -> RunAnalysis {
        var accumulator = RunAccumulator(source: "import")
        for event in imported.events(created: "2026-12-03T10:00:00Z", runID: "import") { accumulator.add(event) }
        return try accumulator.finish()
    }

    private func check(_ imported: CheckpointImport, against key: String) throws {
        let expected = try expected(key)
        let run = try analysis(imported)
        #expect(imported.original.network.model == expected["model"] as? String)
        let sweep = try run.whatIf(ratios: Self.ratios)
        #expect(sweep.original.params == expected["params"] as? Int)
        let layers = try #require(expected["bn_layers"] as? [String])
        let byRatio = try #require(expected["ratios"] as? [String: [String: Any]])
        for point in sweep.points {
            let torch = try #require(byRatio["\(point.ratio)"])
            #expect(point.widths.map(\.layer) == layers)
            #expect(point.widths.map(\.width) == torch["cfg"] as? [Int], "\(key) at \(point.ratio)")
            #expect(point.params == torch["params"] as? Int, "\(key) at \(point.ratio)")
            // Float32 values; Foundation's JSON parser may miss the double's last bit.
            #expect(Float(point.threshold) == (torch["threshold"] as? Double).map(Float.init), "\(key) at \(point.ratio)")
        }
        print("\(key): whatif params \(sweep.original.params) as saved; " + sweep.points.map { "\($0.ratio): \($0.params)" }.joined(separator: ", "))
    }

    @Test func theRealResNet20MatchesResprune() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.sparsity) else { return }
        try check(try CheckpointImport(checkpoint: path), against: "kamy_preresnet20")
    }

    @Test func aResNet164WithTheReferenceLayoutMatchesResprune() throws {
        // The fixture is a torch.save output with zero conv weights, gzip-compressed (115 KB
        // instead of 6.8 MB); inflate it to a file and import that, as a user would.
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("resnet164_sr.pth.tar.gz"))))
        let bytes = try GzipInflater.decompress(compressed, source: "resnet164_sr.pth.tar.gz")
        #expect(bytes.count == (try expected("resnet164"))["checkpoint_bytes"] as? Int)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slim-import-\(UUID().uuidString)-resnet164.pth.tar").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try check(try CheckpointImport(checkpoint: path), against: "resnet164")
    }

    @Test func aPrunedDenseNetKeepsItsDroppedChannelsDropped() throws {
        // Its selections already drop 5,614 channels, 3,865 of them with γ ≠ 0: resprune.py's
        // rule taken verbatim would count those again (873,246 parameters at ratio 0 for a
        // network of 482,332); the what-if keeps only channels the selections still pass on.
        guard let path = RealCheckpoints.path(RealCheckpoints.legacyDenseNet) else { return }
        try check(try CheckpointImport(checkpoint: path), against: "cs760_densenet40")
    }

    @Test func aShortcutConvolutionReadsItsBlockInput() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.sparsity) else { return }
        let layers = try ImportedCheckpoint(contentsOf: path).network.layers
        let shortcut = try #require(layers.first { $0.name == "layer2.0.downsample.0" })
        #expect(shortcut.inputs == ["layer1.1.add"])
        #expect(layers.first { $0.name == "layer1.0.downsample.0" }?.inputs == ["conv1"])
        #expect(layers.first { $0.name == "layer2.0.add" }?.inputs == ["layer2.0.conv3", "layer2.0.downsample.0"])
        #expect(layers.first { $0.name == "layer1.1.add" }?.inputs == ["layer1.1.conv3", "layer1.0.add"])
    }
}
