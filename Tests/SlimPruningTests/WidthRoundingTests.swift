import FuzzSupport
import Testing
@testable import SlimPruning

@Suite struct WidthRoundingTests {
    @Test func widthsRoundUpToTheMultipleWithinTheLayer() throws {
        let eight = try WidthRounding(multiple: 8)
        #expect(eight.rounded(49, limit: 128) == 56)
        #expect(eight.rounded(56, limit: 128) == 56)
        #expect(eight.rounded(1, limit: 128) == 8)
        #expect(eight.rounded(30, limit: 32) == 32)
        #expect(eight.rounded(13, limit: 14) == 14)   // never above the layer's channels
        #expect(eight.rounded(0, limit: 32) == 0)     // an emptied layer stays empty
        #expect(try WidthRounding(multiple: 1).rounded(49, limit: 128) == 49)
        #expect(throws: PruningError.roundingMultipleTooSmall(0)) { try WidthRounding(multiple: 0) }
        #expect(PruningError.roundingMultipleTooSmall(0).description == "width multiple 0 is too small: give 1 or more, e.g. 8")
    }

    @Test func theRemovedChannelsWithTheLargestGammaComeBack() throws {
        let layers = [BNChannels(name: "a", gammas: [0.9, -0.01, 0.5, 0.02, -0.03, 0.6, 0.001, 0.04, 0.7, 0.05])]
        let plan = try PrunePlan(layers: layers, ratio: 0.5, guard: CollapseGuard(minChannels: 0))
        #expect(plan.layers[0].kept == [0, 2, 5, 8])
        let rounded = try WidthRounding(multiple: 8).rounded(plan, gammas: layers)
        // 4 kept → 8: the four largest removed |γ| are 0.05, 0.04, -0.03, 0.02.
        #expect(rounded.layers[0].kept == [0, 2, 3, 4, 5, 7, 8, 9])
        #expect(rounded.threshold == plan.threshold)
    }

    @Test func roundingStaysWithinTheLiveChannels() throws {
        let layers = [BNChannels(name: "a", gammas: [0.9, 0.8, 0.01, 0.02, 0.5, 0.03, 0.04, 0.6])]
        let plan = try PrunePlan(layers: layers, ratio: 0.5, guard: CollapseGuard(minChannels: 0))
        #expect(plan.layers[0].kept == [0, 1, 7])
        // A selection already dropped channels 5, 6 and 7: only 0…4 can be passed on.
        let rounded = try WidthRounding(multiple: 4).rounded(plan, gammas: layers, live: ["a": [0, 1, 2, 3, 4]])
        #expect(rounded.layers[0].kept == [0, 1, 3, 4, 7])
        let live = rounded.layers[0].kept.filter { $0 <= 4 }
        #expect(live.count == 4)
    }

    /// The rule on many random layers: multiples of 8 (or the whole layer), never below the
    /// unrounded width, never above the original width, and every kept channel still kept.
    @Test func randomPlansRoundedTo8() throws {
        var rng = SplitMix64(seed: 7)
        let eight = try WidthRounding(multiple: 8)
        for _ in 0..<200 {
            let layers = (0..<4).map { k in
                BNChannels(name: "l\(k)", gammas: (0..<Int.random(in: 1...130, using: &rng)).map { _ in Float.random(in: -1...1, using: &rng) })
            }
            let plan = try PrunePlan(layers: layers, ratio: Double.random(in: 0..<0.95, using: &rng), guard: CollapseGuard())
            let rounded = eight.rounded(plan, gammas: layers)
            for (before, after) in zip(plan.layers, rounded.layers) {
                #expect(after.kept.count % 8 == 0 || after.kept.count == after.before)
                #expect(after.kept.count >= before.kept.count)
                #expect(after.kept.count <= after.before)
                #expect(Set(before.kept).isSubset(of: Set(after.kept)))
                #expect(after.kept == after.kept.sorted() && Set(after.kept).count == after.kept.count)
            }
        }
    }
}
