import Testing
import SlimLog
@testable import SlimEngine

@Suite("Optimizer, schedule, BatchNorm statistics")
struct TrainingTests {
    @Test func sgdMatchesPyTorchSemantics() {
        var network = Network(model: "l", cfg: VGGConfig([.conv(1)]), input: InputShape(channels: 1, height: 1, width: 1),
                              classes: 1, layers: [Linear(name: "l", weight: Tensor(shape: [1, 1], values: [1]), bias: nil)])
        var sgd = SGD(momentum: 0.9, weightDecay: 0.1)
        // Step 1: d = g + wd·p = 0.5 + 0.1 = 0.6; buf = 0.6; p = 1 − 0.1·0.6 = 0.94.
        network.visitParameters { $0.grad.storage[0] = 0.5 }
        sgd.step(&network, learningRate: 0.1, parallelism: .serial)
        #expect(abs(network.parameters[0].value.storage[0] - 0.94) < 1e-6)
        // Step 2: d = 0.5 + 0.094 = 0.594; buf = 0.9·0.6 + 0.594 = 1.134; p = 0.94 − 0.1134.
        sgd.step(&network, learningRate: 0.1, parallelism: .serial)
        #expect(abs(network.parameters[0].value.storage[0] - 0.8266) < 1e-6)
    }

    @Test func multiStepSchedule() {
        let s = MultiStepSchedule(base: 0.1, epochs: 160)
        #expect(s.rate(epoch: 79) == 0.1)
        #expect(abs(s.rate(epoch: 80) - 0.01) < 1e-12)
        #expect(abs(s.rate(epoch: 119) - 0.01) < 1e-12)
        #expect(abs(s.rate(epoch: 120) - 0.001) < 1e-12)
        let five = MultiStepSchedule(base: 0.1, epochs: 5)
        #expect((0..<5).map { five.rate(epoch: $0) < 0.05 } == [false, false, false, true, true])
    }

    @Test func batchNormRunningStatisticsAndEvalMode() {
        var bn = BatchNorm2d(name: "bn", channels: 1)
        let x = Tensor(shape: [2, 1, 1, 2], values: [1, 2, 3, 6])
        let y = bn.forward(x, mode: .training, parallelism: .serial)
        // mean 3, biased var 3.5, unbiased 14/3.
        #expect(abs(bn.runningMean.value.storage[0] - 0.3) < 1e-6)
        #expect(abs(bn.runningVar.value.storage[0] - (0.9 + 0.1 * 14 / 3)) < 1e-6)
        #expect(abs(y.storage[0] - (1 - 3) / (3.5 + 1e-5).squareRoot()) < 1e-5)
        let e = bn.forward(x, mode: .evaluation, parallelism: .serial)
        let expected = (1 - 0.3) / (bn.runningVar.value.storage[0] + 1e-5).squareRoot()
        #expect(abs(e.storage[0] - expected) < 1e-5)
    }

    @Test func gammaHookAndSnapshots() throws {
        var generator = SeededGenerator(seed: 3)
        var net = try VGG.make(model: "t", cfg: VGGConfig(parsing: "2,M,3"), input: InputShape(channels: 1, height: 4, width: 4),
                               classes: 2, generator: &generator)
        net.visitBatchNorms { bn in
            for i in bn.weight.grad.storage.indices { bn.weight.grad.storage[i] += 1e-3 * (bn.weight.value.storage[i] > 0 ? 1 : -1) }
        }
        #expect(net.batchNorms.allSatisfy { $0.weight.grad.storage.allSatisfy { $0 == 1e-3 } })
        #expect(net.gammaVectors.map(\.layer) == ["feature.1", "feature.5"])
        #expect(net.gammaVectors.map(\.values.count) == [2, 3])
    }

    @Test func threadCountDoesNotChangeResults() throws {
        var generator = SeededGenerator(seed: 5)
        let net = try VGG.make(model: "t", cfg: VGGConfig(parsing: "4,M,6"), input: InputShape(channels: 3, height: 8, width: 8),
                               classes: 3, generator: &generator)
        let x = generator.normalTensor(shape: [5, 3, 8, 8], std: 1)
        var a = net, b = net
        let ya = a.forward(x, mode: .training, parallelism: .serial)
        let yb = b.forward(x, mode: .training, parallelism: Parallelism(threads: 2))
        #expect(zip(ya.storage, yb.storage).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}
