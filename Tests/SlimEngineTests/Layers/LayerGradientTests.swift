import Testing
@testable import SlimEngine

@Suite("Finite-difference gradient checks")
struct LayerGradientTests {
    let check = GradientCheck()

    @Test func conv3x3Padded() {
        let weight = randomTensor([3, 2, 3, 3], seed: 1)
        check.check(Conv2d(name: "c", weight: weight, padding: Size2D(square: 1)), input: randomTensor([2, 2, 5, 5], seed: 2))
    }

    @Test func convStridedWithBiasAndRectangularKernel() {
        let weight = randomTensor([2, 3, 2, 3], seed: 3)
        let conv = Conv2d(name: "c", weight: weight, bias: randomTensor([2], seed: 4), stride: Size2D(2, 1),
                          padding: Size2D(1, 0))
        check.check(conv, input: randomTensor([2, 3, 5, 6], seed: 5))
    }

    @Test func batchNormTraining() {
        var bn = BatchNorm2d(name: "bn", channels: 3, gamma: 0.7)
        bn.bias.value = randomTensor([3], seed: 6)
        check.check(bn, input: randomTensor([3, 3, 2, 3], seed: 7))
    }

    @Test func relu() {
        check.check(ReLU(name: "r"), input: randomTensor([2, 2, 3, 3], seed: 8, margin: 0.1))
    }

    @Test func maxPool() {
        check.check(MaxPool2d(name: "m", kernel: Size2D(square: 2)), input: randomTensor([2, 2, 4, 5], seed: 9))
        check.check(MaxPool2d(name: "m", kernel: Size2D(square: 3), stride: Size2D(square: 2), padding: Size2D(square: 1)),
                    input: randomTensor([1, 2, 5, 5], seed: 10))
    }

    @Test func averagePools() {
        check.check(AvgPool2d(name: "a", kernel: Size2D(square: 2)), input: randomTensor([2, 2, 4, 4], seed: 11))
        check.check(AvgPool2d(name: "a", kernel: Size2D(square: 3), stride: Size2D(square: 2), padding: Size2D(square: 1)),
                    input: randomTensor([1, 2, 5, 5], seed: 12))
        check.check(GlobalAvgPool(name: "g"), input: randomTensor([2, 3, 3, 2], seed: 13))
    }

    @Test func linearAndFlatten() {
        check.check(Linear(name: "l", weight: randomTensor([4, 6], seed: 14), bias: randomTensor([4], seed: 15)),
                    input: randomTensor([3, 6], seed: 16))
        check.check(Flatten(name: "f"), input: randomTensor([2, 2, 2, 2], seed: 17))
    }

    @Test func softmaxCrossEntropy() {
        let logits = randomTensor([3, 4], seed: 18)
        let labels: [Int32] = [0, 3, 1]
        let analytic = SoftmaxCrossEntropy(logits: logits, labels: labels).gradient
        for i in logits.storage.indices {
            var plus = logits, minus = logits
            plus.storage[i] += 1e-2
            minus.storage[i] -= 1e-2
            let numeric = (SoftmaxCrossEntropy(logits: plus, labels: labels).loss
                - SoftmaxCrossEntropy(logits: minus, labels: labels).loss) / 2e-2
            #expect(check.close(Float(numeric), analytic.storage[i]), "logit \(i): \(numeric) vs \(analytic.storage[i])")
        }
    }

    @Test func addAndConcat() {
        let a = randomTensor([2, 2, 2, 2], seed: 19), b = randomTensor([2, 3, 2, 2], seed: 20)
        let add = ElementwiseAdd(name: "add", inputs: ["x", "y"])
        let sum = add.forward([a, a], parallelism: .serial)
        #expect(sum.storage == a.storage.map { $0 + $0 })
        #expect(add.backward(sum, operandCount: 2) == [sum, sum])
        let concat = ChannelConcat(name: "cat", inputs: ["x", "y"])
        let joined = concat.forward([a, b], parallelism: .serial)
        #expect(joined.shape == [2, 5, 2, 2])
        #expect(Array(joined.storage[0..<8]) == Array(a.storage[0..<8]))
        #expect(Array(joined.storage[8..<20]) == Array(b.storage[0..<12]))
        let parts = concat.backward(joined, widths: [2, 3], parallelism: .serial)
        #expect(parts == [a, b])
    }

    @Test func wholeSmallNetwork() throws {
        var generator = SeededGenerator(seed: 21)
        let net = try VGG.make(model: "tiny", cfg: VGGConfig(parsing: "3,M,4"), input: .init(channels: 2, height: 4, width: 4),
                               classes: 3, generator: &generator)
        let input = randomTensor([3, 2, 4, 4], seed: 22)
        let labels: [Int32] = [0, 2, 1]
        var probe = net
        let logits = probe.forward(input, mode: .training, parallelism: .serial)
        probe.backward(SoftmaxCrossEntropy(logits: logits, labels: labels).gradient, parallelism: .serial)
        check.checkParameters(of: net, analytic: probe.parameters, visit: { $0.visitParameters($1) }) { network in
            var copy = network
            return SoftmaxCrossEntropy(logits: copy.forward(input, mode: .training, parallelism: .serial), labels: labels).loss
        }
    }
}
