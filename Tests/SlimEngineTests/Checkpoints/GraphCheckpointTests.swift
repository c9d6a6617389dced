import Foundation
import Testing
import SlimLog
import SlimPruning
@testable import SlimEngine

@Suite("ResNet and DenseNet checkpoints")
struct GraphCheckpointTests {
    func roundTrip(_ network: Network) throws -> Network {
        let path = NSTemporaryDirectory() + "slim-graph-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(network, to: path)
        return try Checkpoint.load(path: path)
    }

    static func slimmed(_ network: Network) throws -> Network {
        let plan = try PrunePlan(layers: network.batchNorms.map { BNChannels(name: $0.name, gammas: $0.weight.value.storage) },
                                 ratio: 0.5, guard: CollapseGuard(minChannels: 1))
        return try network.slimmed(by: plan)
    }

    /// Original and slimmed networks come back with the same layers, selections, values and
    /// outputs.
    @Test(arguments: ["resnet", "densenet"])
    func graphNetworksReloadExactly(model: String) throws {
        let original = try GraphSlimmingTests.network(model)
        for network in [original, try Self.slimmed(original)] {
            var loaded = try roundTrip(network)
            var expected = network
            #expect(loaded.model == network.model && loaded.classes == 5 && loaded.input == network.input)
            #expect(loaded.architecture(pass: 1) == network.architecture(pass: 1))
            #expect(loaded.parameters.map(\.name) == network.parameters.map(\.name))
            #expect(loaded.parameters.map(\.value) == network.parameters.map(\.value))
            var generator = SeededGenerator(seed: 8)
            let x = generator.normalTensor(shape: [2, 3, 8, 8], std: 1)
            #expect(loaded.forward(x, mode: .evaluation, parallelism: .serial) == expected.forward(x, mode: .evaluation, parallelism: .serial))
        }
    }

    /// The file holds what the reference code's `state_dict` holds, in its order, and the
    /// reference cfg of the pruned network (channels each BN passes on).
    @Test func tensorNamesAndCfgFollowTheReferenceCode() throws {
        var generator = SeededGenerator(seed: 2)
        let resnet = try PreResNet.make(depth: 11, width: 2, input: InputShape(channels: 3, height: 8, width: 8), classes: 4,
                                        generator: &generator)
        let file = Checkpoint.contents(of: resnet)
        #expect(Array(file.tensors.map(\.name).prefix(8)) == [
            "conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.bias", "layer1.0.bn1.running_mean",
            "layer1.0.bn1.running_var", "layer1.0.select.indexes", "layer1.0.conv1.weight", "layer1.0.bn2.weight",
        ])
        #expect(file.tensors.contains { $0.name == "layer2.0.downsample.0.weight" })
        #expect(file.tensors.suffix(2).map(\.name) == ["fc.weight", "fc.bias"])
        #expect(file.metadata == ["format": "slim-graph/1", "model": "resnet11", "input": "3,8,8", "classes": "4",
                                  "cfg": "2,2,2,8,4,4,16,8,8,32"])
        let slim = try Self.slimmed(try GraphSlimmingTests.network("densenet"))
        let selections = (slim.layers[0] as? LayerGraph)?.layers.compactMap { $0 as? ChannelSelection } ?? []
        let saved = Checkpoint.contents(of: slim)
        let dense = try #require(selections.first { $0.name == "dense2.1.select" })
        let indexes = try #require(saved["dense2.1.select.indexes"])
        #expect(indexes.storage.indices.filter { indexes.storage[$0] == 1 } == dense.selected)
        #expect(saved.metadata["cfg"]?.split(separator: ",").count == slim.batchNorms.count)
    }

    /// `densenetN-paper` keeps its 16-channel first conv through a save and load.
    @Test func paperDenseNetKeepsItsStem() throws {
        var generator = SeededGenerator(seed: 3)
        let net = try DenseNet.make(depth: 7, growth: 2, stem: 16, input: InputShape(channels: 1, height: 8, width: 8),
                                    classes: 3, generator: &generator)
        let loaded = try roundTrip(net)
        #expect(loaded.model == "densenet7-paper")
        #expect(loaded.parameterCount == net.parameterCount)
        #expect(loaded.architecture(pass: 0) == net.architecture(pass: 0))
    }

    @Test func inconsistentGraphCheckpointsAreRefused() throws {
        let slim = try Self.slimmed(try GraphSlimmingTests.network("resnet"))
        let file = Checkpoint.contents(of: slim)
        func expectRefusal(_ error: EngineError, sourceLocation: SourceLocation = #_sourceLocation,
                           of edit: (inout SafeTensors) -> Void) {
            var edited = file
            edit(&edited)
            #expect(throws: error, sourceLocation: sourceLocation) { try Checkpoint.network(from: edited, path: "r") }
        }
        expectRefusal(.checkpointMismatch(path: "r", reason: "tensor 'layer1.1.select.indexes' is missing or does not have 16 entries")) {
            $0.tensors.removeAll { tensor in tensor.name == "layer1.1.select.indexes" }
        }
        expectRefusal(.checkpointMismatch(path: "r", reason: "metadata cfg '1,2,3' disagrees with the tensors")) {
            $0.metadata["cfg"] = "1,2,3"
        }
        // The model's error, named with the file it came from.
        let depth = EngineError.invalidDepth(model: "resnet21", reason: "pre-activation ResNets need depth 9n + 2 with n ≥ 1 (11, 20, 29, 38, …, 164); the nearest are resnet20 and resnet29")
        expectRefusal(.checkpointMismatch(path: "r", reason: "metadata: \(depth)")) {
            $0.metadata["model"] = "resnet21"
        }
        expectRefusal(.checkpointMismatch(path: "r", reason: "metadata model 'vgg19' is not resnetN, densenetN or densenetN-paper")) {
            $0.metadata["model"] = "vgg19"
        }
    }
}
