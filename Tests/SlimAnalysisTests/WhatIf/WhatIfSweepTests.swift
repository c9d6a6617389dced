import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct WhatIfSweepTests {
    @Test func sweepReproducesTheRecordedPruneAndFindsTheCollapse() throws {
        let run = try SampleRun.analysis()
        let sweep = try run.whatIf(pass: 0)
        #expect(sweep.points.count == 20)
        let half = try #require(sweep.points.first { $0.ratio == 0.5 })
        #expect(half.threshold == Double(Float(0.3)))
        #expect(half.thresholdIndex == 8)
        #expect(half.widths.map(\.width) == [2, 1, 4])
        #expect(half.params == run.costs[1].params)
        #expect(half.flops == run.costs[1].flops)
        // feature.4's largest |γ| 0.6 has 11 smaller values below it: it empties at 11/16.
        #expect(sweep.collapseRatio == 11.0 / 16)
        #expect(sweep.collapseLayer == "feature.4")
        #expect(sweep.firstCollapsingPoint?.ratio == 0.7)
        #expect(sweep.firstCollapsingPoint?.collapsedLayers == ["feature.4"])
        #expect(sweep.points.first { $0.ratio == 0.65 }?.collapsedLayers == [])
    }

    @Test func referenceIndexRoundsDownInDoublePrecision() throws {
        // 1360 channels at 0.7: ⌊1360·0.7⌋ is 951 in double precision.
        let gammas = (0..<1360).map { Float($0 + 1) / 1360 }
        let arch = Networks.vgg(["1360"], input: [1, 2, 2], classes: 2)
        let snapshot = GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 1,
                                     layers: [GammaVector(layer: "feature.1", values: gammas)])
        let sweep = try WhatIfSweep(snapshot: snapshot, architecture: arch,
                                    prunable: [.init(name: "feature.1", gammas: gammas)], ratios: [0.7])
        #expect(sweep.points[0].thresholdIndex == 951)
        #expect(sweep.points[0].widths[0].width == 1360 - 952)
    }

    @Test func badRatiosAndMissingSnapshotsAreRefused() throws {
        let run = try SampleRun.analysis()
        #expect(throws: AnalysisError.ratioOutOfRange(1)) { try run.whatIf(ratios: [0.5, 1]) }
        #expect(throws: AnalysisError.passNotFound(run: "sample", pass: 3, available: [0])) { try run.whatIf(pass: 3) }
        let bare = try SampleRun.analysis(Array(SampleRun.events().prefix(2)))
        #expect(throws: AnalysisError.noGammaSnapshot(run: "sample")) { try bare.whatIf() }
    }

    @Test func snapshotsThatDoNotFitTheArchitectureAreRefused() throws {
        var events = Array(SampleRun.events().prefix(2))
        events.append(.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 7,
                                           layers: [GammaVector(layer: "feature.1", values: [0.1, 0.2])])))
        let error = AnalysisError.gammaMismatch(run: "sample", step: 7, layer: "feature.1", problem: "2 γ values for 4 channels")
        #expect(throws: error) { try SampleRun.analysis(events).whatIf() }
        #expect(error.description == "sample: gamma snapshot at step 7, layer feature.1: 2 γ values for 4 channels; the snapshot must list the BN layers of its pass's architecture with one γ per channel")
        events[2] = .gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 7,
                                         layers: [GammaVector(layer: "bn9", values: [0.1])]))
        #expect(throws: AnalysisError.gammaMismatch(run: "sample", step: 7, layer: "bn9",
                                                    problem: "no BN layer of that name in the architecture of pass 0")) {
            try SampleRun.analysis(events).whatIf()
        }
    }

    @Test func nonFiniteGammaGivesThePruningRulesMessage() throws {
        var events = Array(SampleRun.events().prefix(2))
        events.append(.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 7,
                                           layers: [GammaVector(layer: "feature.1", values: [0.1, .nan, 0.2, 0.3])])))
        #expect(throws: AnalysisError.pruning(.nonFiniteGamma(layer: "feature.1", channel: 1))) {
            try SampleRun.analysis(events).whatIf(ratios: [0.5])
        }
        // The summary still renders, saying the snapshot has a non-finite γ.
        let text = Summary(runs: [try SampleRun.analysis(events)]).rendered(as: .text)
        #expect(text.contains("Warning: the last snapshot has 1 non-finite γ (training diverged)."))
    }

    @Test func narrowingAResidualBranchNarrowsItsSelectNotTheTrunk() throws {
        let narrowed = try Networks.residual().narrowed(keeping: ["bn1": [1, 3]], pass: 1)
        let layer = { (name: String) in narrowed.layers.first { $0.name == name }! }
        #expect(layer("conv0").outShape == [4, 8, 8])
        #expect(layer("bn1").outShape == [4, 8, 8])
        #expect(layer("select1").selected == [1, 3])
        #expect(layer("conv1").inShape == [2, 8, 8])
        #expect(layer("add1").outShape == [4, 8, 8])
        #expect(narrowed.effectiveWidths.map(\.width) == [2])
    }

    @Test func narrowingADenseBlockNarrowsTheSelectsAndTheirConsumers() throws {
        let dense = Networks.dense()
        // conv0 36, bn1 8, conv1 72, bn2 12, fc 21.
        #expect(try NetworkCost(architecture: dense).params == 149)
        let narrowed = try dense.narrowed(keeping: ["bn1": [0, 2, 3], "bn2": [1, 5]], pass: 1)
        let cost = try NetworkCost(architecture: narrowed)
        // conv1 reads 3 channels (54 weights), the classifier 2 features (9 with bias).
        #expect(cost.params == 36 + 8 + 54 + 12 + 9)
        #expect(narrowed.layers.first { $0.name == "cat" }?.outShape == [6, 4, 4])
        #expect(narrowed.effectiveWidths.map(\.width) == [3, 2])
    }

    @Test func narrowingThroughFlattenScalesTheClassifierInput() throws {
        let arch = Networks.vgg(["4", "M"], input: [1, 4, 4], classes: 3, flatten: true)
        let narrowed = try arch.narrowed(keeping: ["feature.1": [0, 3]], pass: 1)
        var expected = Networks.vgg(["2", "M"], input: [1, 4, 4], classes: 3, flatten: true)
        expected.pass = 1
        #expect(narrowed == expected)
    }
}

/// What-if sweeps of a graph network after a prune, whose selections already drop channels.
@Suite struct LaterPassWhatIfTests {
    @Test func narrowingAgainKeepsWhatAnEarlierPruneDropped() throws {
        let once = try Networks.residual().narrowed(keeping: ["bn1": [1, 3]], pass: 1)
        // Channels 0 and 2 were dropped by the first prune; keeping them now does not bring them back.
        let twice = try once.narrowed(keeping: ["bn1": [0, 1, 2]], pass: 2)
        #expect(twice.layers.first { $0.name == "select1" }?.selected == [1])
        #expect(twice.layers.first { $0.name == "conv1" }?.inShape == [1, 8, 8])
        #expect(try NetworkCost(architecture: twice).params < NetworkCost(architecture: once).params)
    }

    @Test func sweepingTheResNetAfterItsPruneNeverExceedsThePrunedNetwork() throws {
        // The pass-1 snapshots still log γ of the channels the prune deselected.
        let run = try ExampleLogs.run("resnet20-mnist5k.log.gz")
        let sweep = try run.whatIf(ratios: [0, 0.3, 0.5], pass: 1)
        #expect(sweep.original == run.costs[1])
        let pruned = Dictionary(uniqueKeysWithValues: run.architectures[1].effectiveWidths.map { ($0.layer, $0.width) })
        for point in sweep.points {
            #expect(point.params <= sweep.original.params && point.flops <= sweep.original.flops, "ratio \(point.ratio)")
            for w in point.widths { #expect(w.width <= pruned[w.layer] ?? 0, "\(w.layer) at ratio \(point.ratio)") }
        }
        // Ratio 0 removes nothing more: every width is the pruned network's.
        #expect(sweep.points[0].widths.first { $0.layer == "layer1.0.bn1" }?.width == pruned["layer1.0.bn1"])
        #expect(sweep.points[2].params < sweep.points[1].params)
    }
}
