import SlimLog
import Testing
import SlimPruning
@testable import SlimEngine

/// Fused runs (`LayerFusion`) and the direct pointwise-convolution path must give what the
/// layers give one at a time.
@Suite("Layer fusion and direct paths")
struct LayerFusionTests {
    let input = InputShape(channels: 2, height: 8, width: 8)

    /// Runs `layers` one at a time, without fusion.
    func layerByLayer(_ layers: [any NetworkLayer], _ x: Tensor, mode: ForwardMode, parallelism: Parallelism = .serial) -> Tensor {
        var y = x
        for var layer in layers { y = layer.forward(y, mode: mode, parallelism: parallelism) }
        return y
    }

    /// BatchNorm running statistics away from their initial 0 and 1, so that folding them
    /// into the convolution is exercised.
    func trainedStatistics(_ network: inout Network, seed: UInt64) {
        for step in 0..<3 {
            _ = network.forward(randomTensor([4, 2, 8, 8], seed: seed + UInt64(step)), mode: .training, parallelism: .serial)
        }
    }

    /// Evaluation folds BatchNorm and ReLU into the conv output with the same scale and
    /// shift, so the logits are bit-identical.
    @Test(arguments: [1, 2])
    func vggEvaluationEqualsLayerByLayer(threads: Int) throws {
        var generator = SeededGenerator(seed: 31)
        var network = try VGG.make(model: "t", cfg: VGGConfig(parsing: "4,M,6,6"), input: input, classes: 3, generator: &generator)
        trainedStatistics(&network, seed: 32)
        let x = randomTensor([3, 2, 8, 8], seed: 35)
        let expected = layerByLayer(network.layers, x, mode: .evaluation)
        #expect(network.forward(x, mode: .evaluation, parallelism: Parallelism(threads: threads)) == expected)
    }

    /// Training fuses BatchNorm with the ReLU after it; logits and every gradient match the
    /// unfused layers exactly.
    @Test func vggTrainingEqualsLayerByLayer() throws {
        var generator = SeededGenerator(seed: 36)
        var network = try VGG.make(model: "t", cfg: VGGConfig(parsing: "4,M,6"), input: input, classes: 3, generator: &generator)
        var reference = network
        let x = randomTensor([3, 2, 8, 8], seed: 37), labels: [Int32] = [0, 2, 1]
        let logits = network.forward(x, mode: .training, parallelism: .serial)
        let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
        network.backward(loss.gradient, parallelism: .serial)
        var y = x
        for i in reference.layers.indices { y = reference.layers[i].forward(y, mode: .training, parallelism: .serial) }
        #expect(y == logits)
        var grad = loss.gradient
        for i in reference.layers.indices.reversed() {
            grad = reference.layers[i].backward(grad, needsInputGradient: i > 0, parallelism: .serial) ?? grad
        }
        #expect(network.parameters == reference.parameters)
    }

    /// Runs a graph's nodes one at a time, without fusion, and returns the last node's output
    /// (on `parallelism`: how the batch is split changes a conv's sums in the last bits).
    func nodeByNode(_ graph: LayerGraph, _ x: Tensor, parallelism: Parallelism = .serial) -> Tensor? {
        var outputs: [Tensor] = []
        for node in graph.nodes {
            let ins = node.inputs.map { $0 == LayerGraph.input ? x : outputs[$0] }
            switch node.operation {
            case let .layer(layer): outputs.append(layerByLayer([layer], ins[0], mode: .evaluation, parallelism: parallelism))
            case let .add(add): outputs.append(add.forward(ins, parallelism: parallelism))
            case let .concat(concat): outputs.append(concat.forward(ins, parallelism: parallelism))
            }
        }
        return outputs.last
    }

    /// Pre-activation graphs fuse BN → select → ReLU (and conv → BN → ReLU inside blocks);
    /// the result equals running the graph's nodes one at a time.
    @Test func resNetEvaluationEqualsNodeByNode() throws {
        var generator = SeededGenerator(seed: 38)
        var network = try PreResNet.make(depth: 11, width: 2, input: input, classes: 3, generator: &generator)
        trainedStatistics(&network, seed: 39)
        let graph = try #require(network.layers[0] as? LayerGraph)
        let x = randomTensor([2, 2, 8, 8], seed: 40)
        #expect(network.forward(x, mode: .evaluation, parallelism: .serial) == nodeByNode(graph, x))
    }

    /// In evaluation each residual sum runs in one pass with the next block's
    /// `bn1 → select → relu` (and the final `bn → select → relu`), here on a slimmed ResNet
    /// with random BN statistics whose selections drop channels: the logits equal the
    /// unfused nodes' bit for bit on one and two threads, and every node is observed once,
    /// the BNs after a sum at 0 s (their time is in the sum's).
    @Test(arguments: [1, 2])
    func residualSumsFuseWithTheBatchNormAfterThem(threads: Int) throws {
        var slim = try slimResNet(seed: 47)
        let graph = try #require(slim.layers[0] as? LayerGraph)
        let x = randomTensor([3, 2, 8, 8], seed: 48)
        var observed: [Int: Double] = [:]
        let parallelism = Parallelism(threads: threads)
        let y = slim.forward(x, mode: .evaluation, parallelism: parallelism) { i, seconds in
            #expect(observed[i] == nil)
            observed[i] = seconds
        }
        #expect(y == nodeByNode(graph, x, parallelism: parallelism))
        #expect(observed.keys.sorted() == Array(0..<graph.nodes.count))
        let sums = graph.nodes.indices.filter { if case .add = graph.nodes[$0].operation { true } else { false } }
        #expect(sums.count == 6)
        for i in sums {
            guard case let .layer(layer) = graph.nodes[i + 1].operation else { Issue.record("no layer after \(graph.nodes[i].name)"); continue }
            #expect(layer is BatchNorm2d && observed[i + 1] == 0, "\(layer.name)")
        }
    }

    /// Training on a slimmed ResNet with random BN state gives the logits and every
    /// parameter gradient of its nodes run one at a time (unfused, each ReLU's backward
    /// reading its output): sums in place and BN backwards gated by the recomputed ReLU mask
    /// change no bit.
    @Test func resNetTrainingEqualsNodeByNode() throws {
        var network = try slimResNet(seed: 49)
        let graph = try #require(network.layers[0] as? LayerGraph)
        let x = randomTensor([3, 2, 8, 8], seed: 50), labels: [Int32] = [0, 2, 1]
        let logits = network.forward(x, mode: .training, parallelism: .serial)
        let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
        network.backward(loss.gradient, parallelism: .serial)
        var layers: [Int: any NetworkLayer] = [:], outputs: [Tensor] = []
        for (i, node) in graph.nodes.enumerated() {
            let ins = node.inputs.map { $0 == LayerGraph.input ? x : outputs[$0] }
            switch node.operation {
            case var .layer(layer):
                outputs.append(layer.forward(ins[0], mode: .training, parallelism: .serial))
                layers[i] = layer
            case let .add(add): outputs.append(add.forward(ins, parallelism: .serial))
            case .concat: Issue.record("a ResNet has no concatenation")
            }
        }
        #expect(outputs.last == logits)
        var grads = [Tensor?](repeating: nil, count: graph.nodes.count)
        grads[grads.count - 1] = loss.gradient
        for i in graph.nodes.indices.reversed() {
            guard let grad = grads[i] else { continue }
            let inputs = graph.nodes[i].inputs
            var flowing = Array(repeating: grad, count: inputs.count)
            if var layer = layers[i] {
                flowing = [layer.backward(grad, needsInputGradient: inputs[0] != LayerGraph.input, parallelism: .serial)].compactMap { $0 }
                layers[i] = layer
            }
            for (g, j) in zip(flowing, inputs) where j != LayerGraph.input {
                if grads[j] == nil { grads[j] = g } else { grads[j]!.add(g, parallelism: .serial) }
            }
        }
        #expect(network.parameters == layers.keys.sorted().flatMap { layers[$0]!.parameters })
    }

    /// A resnet20 of width 4 with random BN state, slimmed by half: some selections drop
    /// channels, so fused runs with and without a narrowing selection are exercised.
    func slimResNet(seed: UInt64) throws -> Network {
        var generator = SeededGenerator(seed: seed)
        var network = try PreResNet.make(depth: 20, width: 4, input: input, classes: 3, generator: &generator)
        network.randomizeBatchNorms(&generator)
        let plan = try PrunePlan(layers: network.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                                 ratio: 0.5, guard: CollapseGuard(minChannels: 1))
        let slim = try network.slimmed(by: plan)
        let graph = try #require(slim.layers[0] as? LayerGraph)
        #expect(graph.layers.contains { ($0 as? ChannelSelection).map { $0.selected.count < $0.inChannels } ?? false })
        return slim
    }

    /// A 1×1 convolution of one sample per unit multiplies the input directly; batch 1 takes
    /// that path serially, and two threads take it for a batch of two.
    @Test func pointwiseConvolution() {
        let conv = Conv2d(name: "p", weight: randomTensor([3, 2, 1, 1], seed: 41), bias: randomTensor([3], seed: 42))
        GradientCheck().check(conv, input: randomTensor([1, 2, 3, 4], seed: 43))
        let x = randomTensor([2, 2, 3, 4], seed: 44), dy = randomTensor([2, 3, 3, 4], seed: 45)
        var serial = conv, parallel = conv
        let ys = serial.forward(x, mode: .training, parallelism: .serial)
        let yp = parallel.forward(x, mode: .training, parallelism: Parallelism(threads: 2))
        let dxs = serial.backward(dy, needsInputGradient: true, parallelism: .serial)
        let dxp = parallel.backward(dy, needsInputGradient: true, parallelism: Parallelism(threads: 2))
        #expect(ys == yp)
        #expect(dxs == dxp)
        for (a, b) in zip(serial.weight.grad.storage, parallel.weight.grad.storage) { #expect(abs(a - b) <= 1e-5 * max(1, abs(a))) }
    }

    /// Evaluation skips the arg-max bookkeeping but pools the same values; rows of 20 take
    /// the eight-wide SIMD path and the scalar tail, and NaN wins wherever it is.
    @Test func maxPoolEvaluationEqualsTraining() {
        var pool = MaxPool2d(name: "m", kernel: Size2D(square: 2))
        // Distinct values 0.1 apart: no window holds a near tie that the finite-difference step could flip.
        var generator = SeededGenerator(seed: 46)
        var x = Tensor(shape: [2, 3, 4, 20], values: (0..<480).shuffled(using: &generator).map { Float($0) * 0.1 - 24 })
        GradientCheck().check(pool, input: x)
        x.storage[41] = .nan
        x.storage[3] = .nan
        let evaluated = pool.forward(x, mode: .evaluation, parallelism: .serial)
        let trained = pool.forward(x, mode: .training, parallelism: .serial)
        #expect(evaluated.storage.map(\.bitPattern) == trained.storage.map(\.bitPattern))
        #expect(evaluated.storage[1].isNaN && evaluated.storage[10].isNaN && evaluated.storage.filter(\.isNaN).count == 2)
    }
}
