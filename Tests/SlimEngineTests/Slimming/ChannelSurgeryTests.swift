import Testing
import SlimLog
import SlimPruning
@testable import SlimEngine

@Suite struct ChannelSurgeryTests {
    /// A small VGG whose BN layers have random γ, β and running statistics, so that every
    /// channel matters and a wrong copy shows up in the outputs.
    func network(cfg: String, input: InputShape) throws -> Network {
        var generator = SeededGenerator(seed: 7)
        var net = try VGG.make(model: "test", cfg: VGGConfig(parsing: cfg), input: input, classes: 5,
                               generator: &generator)
        net.randomizeBatchNorms(&generator)
        return net
    }

    func batch(_ input: InputShape, count: Int) -> Tensor {
        var generator = SeededGenerator(seed: 3)
        return generator.normalTensor(shape: [count, input.channels, input.height, input.width], std: 1)
    }

    func plan(_ net: Network, ratio: Double) throws -> PrunePlan {
        try PrunePlan(layers: net.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                      ratio: ratio, guard: CollapseGuard(minChannels: 1))
    }

    @Test(arguments: [("8,M,12,M", InputShape(channels: 1, height: 12, width: 12)),
                      ("8,8,M,16", InputShape(channels: 3, height: 8, width: 8))], PruneCompensation.allCases)
    func slimmedNetworkComputesWhatTheMaskedNetworkComputes(case: (cfg: String, input: InputShape),
                                                            compensation: PruneCompensation) throws {
        let (cfg, input) = `case`
        let net = try network(cfg: cfg, input: input)
        let plan = try plan(net, ratio: 0.5)
        var slim = try net.slimmed(by: plan, compensation: compensation)
        var masked = try net.masked(by: plan, compensation: compensation)
        let x = batch(input, count: 4)
        let expected = masked.forward(x, mode: .evaluation, parallelism: .serial)
        let actual = slim.forward(x, mode: .evaluation, parallelism: .serial)
        #expect(actual.shape == expected.shape)
        for (a, e) in zip(actual.storage, expected.storage) {
            #expect(abs(a - e) <= 1e-5 * max(1, abs(e)))
        }
        // The slimmed network is physically narrower, with the plan's widths.
        #expect(slim.cfg.widths == plan.layers.map(\.after))
        #expect(slim.parameterCount < net.parameterCount)
    }

    /// Channels with γ = 0 output the constant ReLU(β); folded into the linear layer that reads
    /// them, removing them changes nothing, while dropping them (the reference rule) does.
    @Test func betaCompensationMakesRemovingZeroGammaChannelsExact() throws {
        let input = InputShape(channels: 1, height: 12, width: 12)
        var net = try network(cfg: "8,M,12,M", input: input)
        net.visitBatchNorms { bn in
            guard bn.channels == 12 else { return }
            for c in stride(from: 0, to: 12, by: 2) {
                bn.weight.value.storage[c] = 0
                bn.bias.value.storage[c] = 0.3 + Float(c) / 10
            }
        }
        // 20 channels, ⌊20 · 0.25⌋ = 5: the threshold is 0, so exactly the six γ = 0 go.
        let plan = try plan(net, ratio: 0.25)
        #expect(plan.layers.map(\.after) == [8, 6])
        try net.expectCompensationIsExact(plan, on: batch(input, count: 4), tolerance: 1e-5)
    }

    /// Before a 3×3 conv the fold goes into the next BN's running mean: away from the
    /// zero-padded border the conv sees exactly the constant, so an unpadded case is exact.
    @Test func betaCompensationShiftsTheNextBatchNormsRunningMean() throws {
        let input = InputShape(channels: 1, height: 6, width: 6)
        var net = try network(cfg: "4,6", input: input)
        net.visitBatchNorms { bn in
            guard bn.channels == 4 else { return }
            bn.weight.value.storage[1] = 0
            bn.bias.value.storage[1] = 0.7
        }
        let plan = try PrunePlan(layers: net.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                                 ratio: 0.05, guard: CollapseGuard(minChannels: 1))
        #expect(plan.layers.map(\.after) == [3, 6])
        let conv = try #require(net.layers[3] as? Conv2d)
        let w = conv.weight.value.storage
        let readsChannel1: [Float] = (0..<6).map { (o: Int) -> Float in
            let start = (o * 4 + 1) * 9
            return w[start..<(start + 9)].reduce(0, +)
        }
        let slim = try net.slimmed(by: plan, compensation: .beta)
        let before = net.batchNorms[1].runningMean.value.storage, after = slim.batchNorms[1].runningMean.value.storage
        for o in 0..<6 { #expect(abs(after[o] - (before[o] - 0.7 * readsChannel1[o])) < 1e-6) }
    }

    @Test func keptChannelsCarryTheirOwnWeights() throws {
        let net = try network(cfg: "8,M,12,M", input: InputShape(channels: 1, height: 8, width: 8))
        let plan = try plan(net, ratio: 0.6)
        let slim = try net.slimmed(by: plan)
        let oldBN = net.batchNorms[0], newBN = slim.batchNorms[0]
        #expect(newBN.weight.value.storage == plan.layers[0].kept.map { oldBN.weight.value.storage[$0] })
        #expect(newBN.runningVar.value.storage == plan.layers[0].kept.map { oldBN.runningVar.value.storage[$0] })
    }

    @Test func aPlanForAnotherNetworkIsRefused() throws {
        let net = try network(cfg: "8,M", input: InputShape(channels: 1, height: 4, width: 4))
        let other = try network(cfg: "6,M", input: InputShape(channels: 1, height: 4, width: 4))
        let wrong = try plan(other, ratio: 0.5)
        #expect(throws: EngineError.pruneMismatch(layer: "feature.1", reason: "the plan was made for 6 channels, the layer has 8")) {
            _ = try net.slimmed(by: wrong)
        }
    }

    @Test func sparsityPenaltyAddsLambdaTimesSign() throws {
        var net = try network(cfg: "4,M", input: InputShape(channels: 1, height: 4, width: 4))
        net.visitBatchNorms { bn in bn.weight.value.storage = [0.5, -0.25, 0, 2] }
        try SparsityPenalty(lambda: 0.01).apply(to: &net)
        #expect(net.batchNorms[0].weight.grad.storage == [0.01, -0.01, 0, 0.01])
        #expect(abs(try SparsityPenalty(lambda: 0.01).penalty(of: net) - 0.0275) < 1e-7)
        #expect(throws: EngineError.invalidOption(name: "--lambda", reason: "λ must be a finite number ≥ 0, got -1.0")) {
            _ = try SparsityPenalty(lambda: -1)
        }
    }
}
