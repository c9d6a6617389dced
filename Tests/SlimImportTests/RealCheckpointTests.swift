import Foundation
import Testing
import SlimLog
@testable import SlimImport

/// The real checkpoints in ../shared/data/ns-checkpoints (not part of the repository: no licence).
enum RealCheckpoints {
    static let directory: String? = {
        let here = URL(fileURLWithPath: #filePath)
        let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [repo.appendingPathComponent("../shared/data/ns-checkpoints").path,
                          "/work/shared/data/ns-checkpoints"]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/README.md") }
    }()

    static func path(_ name: String) -> String? {
        guard let directory else {
            print("SlimImportTests: skipping real-checkpoint tests: ../shared/data/ns-checkpoints is absent")
            return nil
        }
        return directory + "/" + name
    }

    static let sparsity = "kamy_preresnet20_sr_model_best.pth.tar"
    static let pruned = "kamy_preresnet20_pruned.pth.tar"
    static let legacyDenseNet = "cs760_densenet40_refined_legacy.pth.tar"
    static let collapsed = "param_densenet16_collapsed_pruned.pth.tar"
}

@Suite struct RealCheckpointTests {
    @Test func sparsityTrainedPreResNetReadsFromItsZip() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.sparsity) else { return }
        let checkpoint = try Checkpoint(contentsOf: path)
        #expect(checkpoint.format == .zip(root: "archive"))
        let metadata = try CheckpointMetadata(checkpoint)
        #expect(metadata.epoch == 66)
        #expect(metadata.bestPrec1.map { abs($0 - 0.8911) < 1e-4 } == true)
        let network = try ImportedNetwork(StateDict(checkpoint))
        #expect(network.model == "preresnet20")
        #expect(network.gammas.count == 19)
        #expect(network.cfg == ["16", "16", "16", "64", "16", "16", "64", "32", "32", "128", "32", "32",
                                "128", "64", "64", "256", "64", "64", "256"])
        #expect(network.classes == 10)
    }

    @Test func prunedPreResNetGivesTheCfgItsAuthorSaved() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.pruned) else { return }
        let checkpoint = try Checkpoint(contentsOf: path)
        let metadata = try CheckpointMetadata(checkpoint)
        #expect(metadata.cfg == ["3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3", "10", "3", "3", "51", "74"])
        let network = try ImportedNetwork(StateDict(checkpoint), savedCfg: metadata.cfg)
        #expect(network.cfg == metadata.cfg)
        #expect(network.layers.last?.inShape == [74])
    }

    @Test func legacyDenseNetReadsFromThePickleStream() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.legacyDenseNet) else { return }
        let checkpoint = try Checkpoint(contentsOf: path)
        #expect(checkpoint.format == .legacy)
        let metadata = try CheckpointMetadata(checkpoint)
        #expect(metadata.epoch == 138)
        #expect(metadata.cfg?.count == 39)
        #expect(metadata.bestPrec1 == 0.9341)
        let network = try ImportedNetwork(StateDict(checkpoint), savedCfg: metadata.cfg)
        #expect(network.model == "densenet40")
        #expect(network.gammas.count == 39)
        // Values torch.load reads from the same file.
        #expect(network.gammas.reduce(0) { $0 + $1.values.count } == 9360)
        #expect(network.gammas.last?.layer == "bn")
        #expect(network.gammas.last.map { Array($0.values.prefix(3)) } == [-8.327205591740494e-09, -1.046148412342518e-08, 6.5288694450771345e-09])
        let absoluteSum = network.gammas.reduce(0.0) { $0 + $1.values.reduce(0.0) { $0 + Double(abs($1)) } }
        #expect(abs(absoluteSum - 448.04322491063533) < 1e-3) // torch sums each layer in float32
    }

    @Test func collapsedDenseNetReadsWithZeroWidths() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.collapsed) else { return }
        let checkpoint = try Checkpoint(contentsOf: path)
        #expect(checkpoint.format == .zip(root: "pruned.pth"))
        let metadata = try CheckpointMetadata(checkpoint)
        #expect(metadata.cfg == Array(repeating: "0", count: 15))
        let network = try ImportedNetwork(StateDict(checkpoint), savedCfg: metadata.cfg)
        #expect(network.model == "densenet16")
        #expect(network.gammas.count == 15)
        #expect(network.gammas.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
        #expect(network.selections.values.allSatisfy { $0.isEmpty })
        #expect(network.classes == 100)
    }
}

@Suite struct RealPairTests {
    @Test func kamyPairGivesAPruneEventWithTheImpliedThreshold() throws {
        guard let original = RealCheckpoints.path(RealCheckpoints.sparsity),
              let pruned = RealCheckpoints.path(RealCheckpoints.pruned) else { return }
        let imported = try CheckpointImport(checkpoint: original, pruned: pruned)
        let prune = try #require(imported.prune)
        #expect(prune.totalChannels == 1360)
        #expect(prune.ratio == 0.9)
        #expect(prune.thresholdIndex == 1224)
        // torch: sorted pooled |γ| [int(1360 * 0.9)] = 1.32268226146698
        #expect(prune.threshold == 1.32268226146698)
        #expect(prune.layers.map(\.after) == [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 10, 3, 3, 51, 74])
        // The author's floor of 3 kept layer1.0.bn2's first three channels (its statistics show it).
        #expect(prune.layers[1].kept == [0, 1, 2])
        #expect(prune.layers[1].guardApplied == "min_channels")
        #expect(prune.layers[14].guardApplied == nil)
        let events = imported.events(created: "2026-11-25T08:00:00Z", runID: "kamy")
        #expect(events.map(\.type) == ["run", "architecture", "gamma", "prune", "architecture", "gamma", "end"])
        guard case let .run(header) = events[0] else { Issue.record("no run header"); return }
        #expect(header.config.model == "preresnet20")
        #expect(header.config.extra.first { $0.key == "pruned_cfg" }?.value
                == .array([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 10, 3, 3, 51, 74].map { .number($0) }))
        print("kamy pair: threshold \(prune.threshold) index \(prune.thresholdIndex!) of \(prune.totalChannels!), ratio \(prune.ratio), guarded \(prune.layers.filter { $0.guardApplied != nil }.count), warnings \(imported.warnings.count)")
    }

    @Test func collapsedDenseNetSaysSo() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.collapsed) else { return }
        let imported = try CheckpointImport(checkpoint: path)
        #expect(imported.warnings.first == "\(path): every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed and its output no longer depends on the input")
        let events = imported.events(created: "2026-11-25T08:00:00Z", runID: "collapsed")
        guard case let .architecture(architecture)? = events.first(where: { $0.type == "architecture" }) else { Issue.record("no architecture"); return }
        #expect(architecture.layers.filter { $0.op == .select }.allSatisfy { $0.outShape[0] == 0 })
    }
}

@Suite struct SummaryTests {
    @Test func realCheckpointSummaries() throws {
        guard let sparsity = RealCheckpoints.path(RealCheckpoints.sparsity), let pruned = RealCheckpoints.path(RealCheckpoints.pruned),
              let legacy = RealCheckpoints.path(RealCheckpoints.legacyDenseNet),
              let collapsed = RealCheckpoints.path(RealCheckpoints.collapsed) else { return }
        for imported in [try CheckpointImport(checkpoint: sparsity, pruned: pruned), try CheckpointImport(checkpoint: legacy),
                         try CheckpointImport(checkpoint: collapsed)] {
            for line in imported.summary + imported.warnings { print(line) }
        }
        let pair = try CheckpointImport(checkpoint: sparsity, pruned: pruned)
        #expect(pair.summary.last == "prune: threshold 1.3226823 at index 1224 of 1360 pooled |γ| (ratio 0.9), 1360 → 183 channels, 16 layers kept channels at or under the threshold")
    }
}

@Suite struct RealArchitectureTests {
    /// Weights of conv and linear layers plus BN γ and β, from the recorded shapes alone.
    private func parameters(_ layers: [Layer]) -> Int {
        layers.reduce(0) { total, layer in
            switch layer.op {
            case .conv2d: total + layer.outShape[0] * layer.inShape[0] * (layer.kernel ?? [1, 1]).reduce(1, *)
            case .linear: total + layer.outShape[0] * (layer.inShape[0] + 1)
            case .batchnorm2d: total + 2 * layer.outShape[0]
            default: total
            }
        }
    }

    @Test func prunedPreResNetShapesGiveTheAuthorsParameterCount() throws {
        guard let path = RealCheckpoints.path(RealCheckpoints.pruned) else { return }
        let network = try ImportedCheckpoint(contentsOf: path).network
        // The author's results/prune.txt prints 64877 parameters, which counts the 912 entries
        // of the channel-selection masks too (they are nn.Parameters in the reference code).
        let masks = network.layers.filter { $0.op == .select }.reduce(0) { $0 + $1.inShape[0] }
        #expect(masks == 912)
        #expect(parameters(network.layers) + masks == 64877)
    }
}
