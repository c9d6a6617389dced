import Foundation
import FuzzSupport
import Testing
import SlimLog
@testable import SlimImport

/// Fixtures made by scripts/pytorch/make_import_fixtures.py; expected.json holds what torch read back.
enum Fixtures {
    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.path(forResource: name, ofType: nil, inDirectory: "Fixtures"))
    }

    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path("expected.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func floats(_ any: Any?) -> [Float] {
        ((any as? [Any]) ?? []).compactMap { ($0 as? NSNumber).map { Float($0.doubleValue) } }
    }

    static func cfg(_ any: Any?) -> [String] {
        ((any as? [Any]) ?? []).map { ($0 as? String) ?? "\(($0 as? NSNumber)?.intValue ?? -1)" }
    }
}

@Suite struct FixtureTests {
    @Test(arguments: ["vgg_sr_zip.pth.tar", "vgg_sr_legacy.pth.tar"])
    func bothFormatsGiveTheGammasTorchReads(file: String) throws {
        let expected = try #require(try Fixtures.expected()["vgg"] as? [String: Any])
        let gammas = try #require(expected["gammas"] as? [String: Any])
        let imported = try ImportedCheckpoint(contentsOf: try Fixtures.path(file))
        #expect(imported.network.model == "vgg8")
        #expect(imported.network.cfg == ["6", "M", "8", "M", "8", "M", "8", "M", "8"])
        #expect(imported.network.gammas.map(\.layer) == ["feature.1", "feature.5", "feature.9", "feature.13", "feature.17"])
        for gamma in imported.network.gammas {
            #expect(gamma.values == Fixtures.floats(gammas[gamma.layer]), "\(gamma.layer)")
        }
        #expect(imported.metadata.epoch == 7)
        #expect(imported.bestAccuracy == 0.625)
        #expect(imported.network.layers.last?.inShape == [8])
    }

    @Test func vggPairGivesThePruneVggpruneDid() throws {
        let expected = try #require(try Fixtures.expected()["vgg"] as? [String: Any])
        let imported = try CheckpointImport(checkpoint: try Fixtures.path("vgg_sr_zip.pth.tar"),
                                            pruned: try Fixtures.path("vgg_pruned_legacy.pth.tar"))
        let prune = try #require(imported.prune)
        #expect(imported.pruned?.network.cfg == Fixtures.cfg(expected["pruned_cfg"]))
        #expect(Float(prune.threshold) == Float((expected["threshold"] as? Double) ?? -1))
        #expect(prune.thresholdIndex == expected["threshold_index"] as? Int)
        #expect(prune.totalChannels == expected["total_channels"] as? Int)
        #expect(prune.ratio == 0.5)
        #expect(prune.layers.map(\.kept) == (expected["kept"] as? [[Int]]))
        #expect(prune.layers.allSatisfy { $0.guardApplied == nil })
        #expect(imported.warnings.isEmpty)
        let events = imported.events(created: "2026-11-25T08:00:00Z", runID: "vgg")
        guard case let .run(header) = events[0], case let .gamma(after) = events[5] else {
            Issue.record("unexpected events \(events.map(\.type))"); return
        }
        #expect(header.config.cfg == ["6", "M", "8", "M", "8", "M", "8", "M", "8"])
        #expect(header.config.pruneRatio == 0.5)
        #expect(header.input == InputShape(channels: 3, height: 32, width: 32))
        #expect(after.phase == .pruned && after.pass == 1)
        let prunedGammas = try #require(expected["pruned_gammas"] as? [String: Any])
        #expect(after.layers.allSatisfy { $0.values == Fixtures.floats(prunedGammas[$0.layer]) })
    }

    @Test func resnetWithChannelSelectionHonoursStridesAndSelection() throws {
        let expected = try #require(try Fixtures.expected()["resnet"] as? [String: Any])
        let imported = try ImportedCheckpoint(contentsOf: try Fixtures.path("resnet_selection_zip.pth.tar"))
        let network = imported.network
        #expect(network.model == "preresnet11")
        #expect(network.cfg == Fixtures.cfg(expected["cfg"]))
        #expect(network.selections["layer2.0.bn1"] == Array(stride(from: 0, to: 16, by: 2)))
        let gammas = try #require(expected["gammas"] as? [String: Any])
        for gamma in network.gammas {
            #expect(gamma.values == Fixtures.floats(gammas[gamma.layer]), "\(gamma.layer)")
        }
        #expect(try imported.stateDict.floats("fc.weight") == Fixtures.floats(expected["fc_weight"]))
        let add = try #require(network.layers.first { $0.name == "layer2.0.add" })
        #expect(add.inputs == ["layer2.0.conv3", "layer2.0.downsample.0"])
        #expect(add.outShape == [32, 16, 16])
        #expect(network.layers.last?.name == "fc")
    }
}

@Suite struct RefusedInputTests {
    private func message(_ file: String) throws -> String {
        let path = try Fixtures.path(file)
        do {
            _ = try ImportedCheckpoint(contentsOf: path)
        } catch let error as ImportError {
            return error.description.replacingOccurrences(of: path, with: file)
        }
        Issue.record("\(file) was accepted")
        return ""
    }

    @Test func truncatedZip() throws {
        #expect(try message("truncated.pth.tar")
                == "truncated.pth.tar: broken zip archive (no end-of-central-directory record); expected a complete PyTorch ≥1.6 checkpoint, the file may be truncated")
    }

    @Test func wrongMagic() throws {
        #expect(try message("wrong_magic.pth.tar")
                == "wrong_magic.pth.tar: wrong magic number; expected PyTorch's legacy checkpoint magic 0x1950a86a20f9469cfc6c")
    }

    @Test func unsafeGlobalIsRefusedWithoutRunningIt() throws {
        #expect(try message("unsafe_global.pth")
                == "unsafe_global.pth: pickle refers to 'posix.system' at byte 2; only collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.*Storage are allowed, nothing is executed; refusing to load")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/slim-pwned-x"))
    }

    @Test func compressedEntry() throws {
        #expect(try message("compressed.pth.tar")
                == "compressed.pth.tar: zip entry 'archive/data.pkl' is compressed (method 8); PyTorch checkpoints store entries uncompressed (method 0)")
    }

    @Test func notACheckpoint() throws {
        #expect(try message("not_a_checkpoint.txt")
                == "not_a_checkpoint.txt: not a PyTorch checkpoint; expected a zip archive (PyTorch ≥1.6) or a legacy pickle stream (starting with byte 0x80)")
    }

    @Test func missingFile() {
        #expect(throws: ImportError.self) { _ = try ImportedCheckpoint(contentsOf: "/nonexistent/x.pth") }
    }

    @Test func everyTruncationOfALegacyFileIsAnErrorNotACrash() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path("vgg_pruned_legacy.pth.tar"))))
        for length in stride(from: 0, to: bytes.count, by: 97) {
            #expect(throws: ImportError.self) {
                let checkpoint = try Checkpoint(bytes: Array(bytes.prefix(length)), file: "cut.pth")
                _ = try ImportedNetwork(try StateDict(checkpoint))
            }
        }
    }
}

@Suite struct CorruptionTests {
    /// Flipped bytes anywhere in either format give an error or a (different) network, never a crash.
    @Test(arguments: ["vgg_sr_zip.pth.tar", "vgg_pruned_legacy.pth.tar", "resnet_selection_zip.pth.tar"])
    func flippedBytesNeverCrash(file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: try Fixtures.path(file))))
        var generator = SplitMix64(seed: UInt64(bytes.count))
        for _ in 0..<400 {
            var corrupted = bytes
            for _ in 0..<3 {
                corrupted[Int.random(in: 0..<corrupted.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let checkpoint = try Checkpoint(bytes: corrupted, file: "corrupt.pth")
                let stateDict = try StateDict(checkpoint)
                _ = try ImportedNetwork(stateDict, savedCfg: try CheckpointMetadata(checkpoint).cfg)
            } catch is ImportError {}
        }
    }
}

@Suite struct PairMismatchTests {
    @Test func checkpointsOfDifferentNetworksAreNotAPair() throws {
        let vgg = try Fixtures.path("vgg_sr_zip.pth.tar"), resnet = try Fixtures.path("resnet_selection_zip.pth.tar")
        #expect(throws: ImportError.pairMismatch(original: vgg, pruned: resnet,
                                                 detail: "their BN layers differ (vgg8 with 5 BN layers, preresnet11 with 10)")) {
            _ = try CheckpointImport(checkpoint: vgg, pruned: resnet)
        }
    }

    @Test func aWiderPrunedLayerIsRefused() throws {
        let original = try Fixtures.path("vgg_pruned_legacy.pth.tar"), wider = try Fixtures.path("vgg_sr_zip.pth.tar")
        #expect(throws: ImportError.pairMismatch(original: original, pruned: wider,
                                                 detail: "feature.1 has 6 channels, more than the original 2")) {
            _ = try CheckpointImport(checkpoint: original, pruned: wider)
        }
    }
}

@Suite struct BareStateDictTests {
    @Test func aDataParallelStateDictWithoutWrapperImports() throws {
        let expected = try #require(try Fixtures.expected()["vgg"] as? [String: Any])
        let imported = try ImportedCheckpoint(contentsOf: try Fixtures.path("vgg_bare_dataparallel.pth"))
        #expect(imported.metadata == CheckpointMetadata())
        #expect(imported.stateDict.names.first == "feature.0.weight")
        // Without a saved cfg the trailing max-pool is unknown; the widths are the pruned ones.
        #expect(imported.network.cfg.filter { $0 != "M" } == Fixtures.cfg(expected["pruned_cfg"]).filter { $0 != "M" })
    }
}
