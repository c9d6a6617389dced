import Testing
import SlimLog
@testable import SlimEngine

@Suite("ResNet and DenseNet graphs")
struct GraphModelTests {
    let cifar = InputShape(channels: 3, height: 32, width: 32)

    /// Trainable scalars (conv weights, BN γ and β, fc weight and bias) of the CIFAR-10
    /// networks; selection layers hold none. ResNet-164 matches the paper's 1.70 M. DenseNet-40
    /// in the reference layout has 1 059 298 (worked out by hand: 3×3 convs 909 792,
    /// transitions 125 568, conv1 648, BN 18 720, fc 4 570), 3.9 % above the paper's 1.02 M.
    @Test func cifar10ParameterCounts() throws {
        var generator = SeededGenerator(seed: 1)
        let resnet = try PreResNet.make(depth: 164, input: cifar, classes: 10, generator: &generator)
        let densenet = try DenseNet.make(depth: 40, input: cifar, classes: 10, generator: &generator)
        #expect(abs(Double(resnet.parameterCount) / 1e6 - 1.70) < 0.005)
        #expect(densenet.parameterCount == 1_059_298)
        #expect(resnet.batchNorms.count == 3 * 54 + 1)
        #expect(densenet.batchNorms.count == 36 + 2 + 1)
    }

    /// The architecture event lists every node; adds and concats name their inputs, and a
    /// shortcut conv that reads the block input names it.
    @Test func architectureRecordsMergesAndSelections() throws {
        var generator = SeededGenerator(seed: 2)
        let resnet = try PreResNet.make(depth: 11, width: 2, input: cifar, classes: 10, generator: &generator)
        let layers = resnet.architecture(pass: 0).layers
        let add = try #require(layers.first { $0.name == "layer1.0.add" })
        #expect(add.op == .add && add.inputs == ["layer1.0.conv3", "layer1.0.downsample.0"])
        #expect(layers.first { $0.name == "layer1.0.downsample.0" }?.inputs == ["conv1"])
        #expect(layers.first { $0.name == "layer1.0.select" }?.selected == [0, 1])
        let densenet = try DenseNet.make(depth: 7, growth: 2, input: cifar, classes: 10, generator: &generator)
        let cat = try #require(densenet.architecture(pass: 0).layers.first { $0.name == "dense1.0.cat" })
        #expect(cat.inputs == ["conv1", "dense1.0.conv1"] && cat.outShape == [6, 32, 32])
    }

    /// Finite differences break where a ReLU input lies within ε of zero; the seeds give an
    /// instance without such a kink.
    @Test func gradientsOfTinyResNet() throws {
        var generator = SeededGenerator(seed: 3)
        let network = try PreResNet.make(depth: 11, width: 2, input: InputShape(channels: 2, height: 8, width: 8), classes: 3,
                                         generator: &generator)
        GradientCheck(epsilon: 1e-3, tolerance: 5e-2, floor: 2e-3)
            .check(network.layers[0], input: randomTensor([2, 2, 8, 8], seed: 9))
    }

    @Test func gradientsOfTinyDenseNet() throws {
        var generator = SeededGenerator(seed: 5)
        let network = try DenseNet.make(depth: 7, growth: 2, input: InputShape(channels: 2, height: 4, width: 4), classes: 3,
                                        generator: &generator)
        GradientCheck(epsilon: 1e-3, tolerance: 5e-2, floor: 2e-3)
            .check(network.layers[0], input: randomTensor([2, 2, 4, 4], seed: 6))
    }
}
