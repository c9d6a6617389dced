import Testing
import SlimLog
@testable import SlimEngine

@Suite("ResNet and DenseNet graphs")
struct GraphModelTests {
    let cifar = InputShape(channels: 3, height: 32, width: 32)

    /// Trainable scalars (conv weights, BN γ and β, fc weight and bias) of the CIFAR-10
    /// networks; selection layers hold none. ResNet-164 matches the paper's 1.70 M. DenseNet-40
    /// with the reference PyTorch code's first conv (2·growth = 24 channels) has 1 059 298
    /// (3×3 convs 909 792, transitions 125 568, conv1 648, BN 18 720, fc 4 570), 3.9 % above
    /// the paper's 1.02 M; with the 16 channels of Huang et al.'s Torch code, whose count the
    /// paper's table gives, it has 1 019 722.
    @Test func cifar10ParameterCounts() throws {
        var generator = SeededGenerator(seed: 1)
        let resnet = try PreResNet.make(depth: 164, input: cifar, classes: 10, generator: &generator)
        let densenet = try DenseNet.make(depth: 40, input: cifar, classes: 10, generator: &generator)
        let paper = try #require(GraphModelName("densenet40-paper")).make(input: cifar, classes: 10, generator: &generator)
        #expect(resnet.parameterCount == 1_703_258)
        #expect(densenet.parameterCount == 1_059_298)
        #expect(paper.parameterCount == 1_019_722)
        #expect(paper.model == "densenet40-paper" && densenet.model == "densenet40")
        #expect(resnet.batchNorms.count == 3 * 54 + 1)
        #expect(densenet.batchNorms.count == 36 + 2 + 1)
    }

    @Test func modelNamesParse() throws {
        #expect(GraphModelName("resnet164") == GraphModelName(family: .resnet, depth: 164, denseNetStem: nil))
        #expect(GraphModelName("densenet40-paper") == GraphModelName(family: .densenet, depth: 40, denseNetStem: 16))
        #expect(GraphModelName("densenet40-paper")?.name == "densenet40-paper")
        for name in ["vgg19", "resnet", "resnet-3", "resnet20-paper", "densenet40paper", "mnist-vgg"] {
            #expect(GraphModelName(name) == nil, "\(name)")
        }
        var options = TrainingRunOptions(model: "densenet10")
        #expect(options.isGraphModel)
        options.cfg = try VGGConfig(parsing: "4,M")
        #expect(!options.isGraphModel)
    }

    @Test(arguments: [
        ("resnet21", "model 'resnet21' has an invalid depth: pre-activation ResNets need depth 9n + 2 with n ≥ 1 (11, 20, 29, 38, …, 164); the nearest are resnet20 and resnet29"),
        ("resnet2", "model 'resnet2' has an invalid depth: pre-activation ResNets need depth 9n + 2 with n ≥ 1 (11, 20, 29, 38, …, 164); the nearest is resnet11"),
        ("densenet41", "model 'densenet41' has an invalid depth: DenseNets need depth 3n + 4 with n ≥ 1 (7, 10, 13, 16, …, 40); the nearest are densenet40 and densenet43"),
        ("densenet39-paper", "model 'densenet39-paper' has an invalid depth: DenseNets need depth 3n + 4 with n ≥ 1 (7, 10, 13, 16, …, 40); the nearest are densenet37-paper and densenet40-paper"),
    ])
    func invalidDepthsNameTheValidOnes(model: String, message: String) throws {
        let name = try #require(GraphModelName(model))
        var generator = SeededGenerator(seed: 1)
        #expect(throws: EngineError.self) { try name.make(input: cifar, classes: 10, generator: &generator) }
        do {
            try name.validate()
            Issue.record("\(model) was accepted")
        } catch {
            #expect(error.description == message)
        }
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

    /// Finite differences break where a ReLU input lies within ε of zero; the seeds (network,
    /// input) give each model an instance without such a kink.
    @Test(arguments: [("resnet", 8, 3, 9), ("densenet", 4, 5, 6)] as [(String, Int, UInt64, UInt64)])
    func gradientsOfTinyGraphModels(model: String, side: Int, seed: UInt64, inputSeed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let input = InputShape(channels: 2, height: side, width: side)
        let network = model == "resnet"
            ? try PreResNet.make(depth: 11, width: 2, input: input, classes: 3, generator: &generator)
            : try DenseNet.make(depth: 7, growth: 2, input: input, classes: 3, generator: &generator)
        GradientCheck(epsilon: 1e-3, tolerance: 5e-2, floor: 2e-3)
            .check(network.layers[0], input: randomTensor([2, 2, side, side], seed: inputSeed))
    }
}
