import Testing
import SlimLog
import SlimPruning
@testable import SlimEngine

@Suite struct GraphSlimmingTests {
    static let input = InputShape(channels: 3, height: 8, width: 8)

    /// Small ResNet and DenseNet with random BN state, so every channel matters.
    static func network(_ model: String) throws -> Network {
        var generator = SeededGenerator(seed: 11)
        var net = model == "resnet"
            ? try PreResNet.make(depth: 20, width: 4, input: input, classes: 5, generator: &generator)
            : try DenseNet.make(depth: 10, growth: 4, input: input, classes: 5, generator: &generator)
        net.randomizeBatchNorms(&generator)
        return net
    }

    @Test(arguments: ["resnet", "densenet"])
    func slimmedGraphComputesWhatTheMaskedGraphComputes(model: String) throws {
        let net = try Self.network(model)
        let plan = try PrunePlan(layers: net.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                                 ratio: 0.5, guard: CollapseGuard(minChannels: 1))
        var slim = try net.slimmed(by: plan)
        var masked = try net.masked(by: plan)
        var generator = SeededGenerator(seed: 3)
        let x = generator.normalTensor(shape: [4, 3, 8, 8], std: 1)
        Self.expectSameOutputs(&slim, &masked, for: x)
        #expect(slim.parameterCount < net.parameterCount)
        // BNs before a selection keep their width; the selection records what it passes on.
        let layers = slim.architecture(pass: 1).layers
        for decision in plan.layers {
            let bn = try #require(layers.first { $0.name == decision.name })
            let index = try #require(layers.firstIndex { $0.name == decision.name })
            if layers[index + 1].op == .select {
                #expect(bn.outShape[0] == decision.before)
                #expect(layers[index + 1].selected == decision.kept)
            } else {
                #expect(bn.outShape[0] == decision.after)
            }
        }
        // The slimmed network still trains: one training forward and backward run.
        let y = slim.forward(x, mode: .training, parallelism: .serial)
        slim.backward(y, parallelism: .serial)
    }

    /// A second pass prunes the slimmed graph again: a channel the first pass dropped stays
    /// dropped even when its γ has grown back, and the twice-slimmed graph still computes
    /// what the masked one computes.
    @Test(arguments: ["resnet", "densenet"])
    func secondPassKeepsEarlierSelections(model: String) throws {
        let net = try Self.network(model)
        func plan(_ network: Network) throws -> PrunePlan {
            try PrunePlan(layers: network.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                          ratio: 0.4, guard: CollapseGuard(minChannels: 1))
        }
        var once = try net.slimmed(by: plan(net))
        let selectedOnce = Self.selections(once)
        #expect(once.batchNorms.contains { bn in bn.weight.value.storage.contains(0) })
        var generator = SeededGenerator(seed: 21)
        once.visitBatchNorms { bn in
            for c in 0..<bn.channels { bn.weight.value.storage[c] = generator.normal(std: 1) }
        }
        let second = try plan(once)
        var twice = try once.slimmed(by: second)
        var masked = try once.masked(by: second)
        for (name, selected) in Self.selections(twice) {
            #expect(Set(selected).isSubset(of: Set(selectedOnce[name] ?? [])), "\(name)")
        }
        Self.expectSameOutputs(&twice, &masked, for: generator.normalTensor(shape: [3, 3, 8, 8], std: 1))
    }

    /// The slimmed network's eval-mode logits equal the masked network's (to float rounding).
    static func expectSameOutputs(_ slim: inout Network, _ masked: inout Network, for x: Tensor) {
        let expected = masked.forward(x, mode: .evaluation, parallelism: .serial)
        let actual = slim.forward(x, mode: .evaluation, parallelism: .serial)
        #expect(actual.shape == expected.shape)
        for (a, e) in zip(actual.storage, expected.storage) {
            #expect(abs(a - e) <= 1e-4 * max(1, abs(e)))
        }
    }

    static func selections(_ network: Network) -> [String: [Int]] {
        let selections = (network.layers.first as? LayerGraph)?.layers.compactMap { $0 as? ChannelSelection } ?? []
        return Dictionary(uniqueKeysWithValues: selections.map { ($0.name, $0.selected) })
    }
}
