import Testing
import SlimPruning
@testable import SlimEngine

/// β compensation in residual and dense graphs: folded where the consumer conv feeds a BN or
/// the classifier, reported where it feeds a sum or a concatenation.
@Suite struct GraphCompensationTests {
    func plan(_ net: Network, ratio: Double) throws -> PrunePlan {
        try PrunePlan(layers: net.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                      ratio: ratio, guard: CollapseGuard(minChannels: 1))
    }

    @Test func theGapsAreTheBatchNormsFeedingSumsAndConcatenations() throws {
        let resnet = try GraphSlimmingTests.network("resnet"), densenet = try GraphSlimmingTests.network("densenet")
        let resnetGaps = try resnet.betaCompensationGaps(for: plan(resnet, ratio: 0.5))
        #expect(!resnetGaps.isEmpty && resnetGaps.allSatisfy { $0.hasSuffix(".bn3") })
        let denseGaps = try densenet.betaCompensationGaps(for: plan(densenet, ratio: 0.5))
        #expect(denseGaps == densenet.batchNorms.map(\.name).filter { $0 != "bn" })
    }

    /// γ = 0 channels of every block's `bn1` and the final `bn` output the constant ReLU(β);
    /// their consumers are a 1×1 conv before a BN and the pooled classifier, where the fold is
    /// exact, so removing them with compensation changes nothing — and without it, does.
    @Test func removingZeroGammaChannelsWithCompensationIsExact() throws {
        var net = try GraphSlimmingTests.network("resnet")
        var zeros = 0
        net.visitBatchNorms { bn in
            guard bn.name.hasSuffix(".bn1") || bn.name == "bn" else { return }
            for c in stride(from: 0, to: bn.channels, by: 3) {
                bn.weight.value.storage[c] = 0
                bn.bias.value.storage[c] = 0.2 + Float(c) / 20
                zeros += 1
            }
        }
        let total = net.batchNorms.reduce(0) { $0 + $1.channels }
        // ⌊total · ratio⌋ = zeros − 1: the threshold is 0, so exactly the γ = 0 channels go.
        let plan = try plan(net, ratio: (Double(zeros) - 0.5) / Double(total))
        #expect(plan.layers.reduce(0) { $0 + $1.before - $1.after } == zeros)
        var generator = SeededGenerator(seed: 5)
        try net.expectCompensationIsExact(plan, on: generator.normalTensor(shape: [3, 3, 8, 8], std: 1), tolerance: 1e-4)
        #expect(try net.betaCompensationGaps(for: plan).isEmpty)
    }

    @Test(arguments: ["resnet", "densenet"])
    func slimmedAndMaskedAgreeWithCompensation(model: String) throws {
        let net = try GraphSlimmingTests.network(model)
        let plan = try plan(net, ratio: 0.5)
        var slim = try net.slimmed(by: plan, compensation: .beta)
        var masked = try net.masked(by: plan, compensation: .beta)
        var generator = SeededGenerator(seed: 3)
        GraphSlimmingTests.expectSameOutputs(&slim, &masked, for: generator.normalTensor(shape: [4, 3, 8, 8], std: 1))
    }
}
