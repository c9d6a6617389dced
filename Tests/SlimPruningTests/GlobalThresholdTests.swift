import Testing
@testable import SlimPruning

@Suite struct GlobalThresholdTests {
    @Test func indexIsComputedInDoublePrecisionLikeTheReferenceCode() {
        // 1360 * 0.7 = 951.9999999999999 in double precision.
        #expect(GlobalThreshold.index(count: 1360, ratio: 0.7) == 951)
        #expect(GlobalThreshold.index(count: 10, ratio: 0.5) == 5)
        #expect(GlobalThreshold.index(count: 10, ratio: 0) == 0)
        #expect(GlobalThreshold.index(count: 10, ratio: 0.99) == 9)
        #expect(GlobalThreshold.index(count: 1, ratio: 0.9) == 0)
    }

    @Test func thresholdPoolsMagnitudesOfAllLayers() throws {
        let layers = [BNChannels(name: "a", gammas: [0.9, -0.1, 0.5]),
                      BNChannels(name: "b", gammas: [-0.3, 0.05, 0.7, 0.2])]
        // |γ| sorted: 0.05 0.1 0.2 0.3 0.5 0.7 0.9; index ⌊7·0.5⌋ = 3 → 0.3.
        let t = try GlobalThreshold(layers: layers, ratio: 0.5)
        #expect(t.value == 0.3)
        #expect(t.index == 3)
        #expect(t.totalChannels == 7)
    }

    @Test func channelsEqualToTheThresholdArePruned() throws {
        let layers = [BNChannels(name: "a", gammas: [0.2, 0.2, 0.2, 0.8])]
        let plan = try PrunePlan(layers: layers, ratio: 0.25, guard: CollapseGuard(minChannels: 0))
        // Threshold = 0.2 (index 1); ties at the threshold all go: more than 25 % removed.
        #expect(plan.threshold.value == 0.2)
        #expect(plan.layers[0].kept == [3])
    }

    @Test func ratioZeroStillRemovesTheSmallestChannel() throws {
        let plan = try PrunePlan(layers: [BNChannels(name: "a", gammas: [0.3, 0.1, 0.2])],
                                 ratio: 0, guard: CollapseGuard(minChannels: 0))
        #expect(plan.layers[0].kept == [0, 2])
    }

    @Test func invalidRatiosAndGammasAreRefused() {
        let layers = [BNChannels(name: "a", gammas: [0.3, .nan])]
        #expect(throws: PruningError.ratioOutOfRange(1)) { try GlobalThreshold(layers: layers, ratio: 1) }
        #expect(throws: PruningError.ratioOutOfRange(-0.1)) { try GlobalThreshold(layers: layers, ratio: -0.1) }
        #expect(throws: PruningError.nonFiniteGamma(layer: "a", channel: 1)) {
            try GlobalThreshold(layers: layers, ratio: 0.5)
        }
        #expect(throws: PruningError.noPrunableChannels) { try GlobalThreshold(layers: [], ratio: 0.5) }
    }

    @Test func errorMessagesTellTheUserWhatToDo() {
        #expect(PruningError.ratioOutOfRange(1.5).description
            == "prune ratio 1.5 is outside [0, 1): give the fraction of remaining channels to remove, e.g. 0.5")
        #expect(PruningError.nonFiniteGamma(layer: "feature.4", channel: 2).description
            == "γ of feature.4 channel 2 is not finite: training diverged; lower the learning rate or λ and train again")
    }
}

@Suite struct CollapseGuardTests {
    let layers = [BNChannels(name: "wide", gammas: [0.9, 0.8, 0.7, 0.6]),
                  BNChannels(name: "weak", gammas: [0.01, -0.03, 0.02, 0.03])]

    @Test func minChannelsKeepsTheLargestMagnitudesAndLowerIndexOnTies() throws {
        let plan = try PrunePlan(layers: layers, ratio: 0.5, guard: CollapseGuard(minChannels: 2))
        // Threshold is 0.6 (index 4): "wide" keeps 0.9, 0.8, 0.7; "weak" would be empty.
        #expect(plan.layers[0].kept == [0, 1, 2])
        #expect(plan.layers[0].guardApplied == nil)
        // |γ| 0.03 at channels 1 and 3 tie: both are the largest, kept.
        #expect(plan.layers[1].kept == [1, 3])
        #expect(plan.layers[1].guardApplied == .minChannels)
    }

    @Test func withoutTheGuardALayerCanCollapse() throws {
        let plan = try PrunePlan(layers: layers, ratio: 0.5, guard: CollapseGuard(minChannels: 0))
        #expect(plan.layers[1].kept.isEmpty)
    }

    @Test func maxLayerRatioCapsWhatOnePruneRemoves() throws {
        let plan = try PrunePlan(layers: layers, ratio: 0.5,
                                 guard: CollapseGuard(minChannels: 1, maxLayerRatio: 0.5))
        #expect(plan.layers[1].kept == [1, 3])
        #expect(plan.layers[1].guardApplied == .maxLayerRatio)
        #expect(plan.removedChannels == 3)
    }

    @Test func guardSettingsAreValidated() {
        #expect(throws: PruningError.minChannelsNegative(-1)) { try CollapseGuard(minChannels: -1) }
        #expect(throws: PruningError.maxLayerRatioOutOfRange(1.5)) { try CollapseGuard(maxLayerRatio: 1.5) }
    }
}
