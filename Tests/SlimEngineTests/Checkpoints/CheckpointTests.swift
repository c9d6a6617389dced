import Foundation
import Testing
import SlimLog
@testable import SlimEngine

@Suite("Safetensors checkpoints")
struct CheckpointTests {
    @Test func safetensorsRoundTrip() throws {
        let file = SafeTensors(tensors: [("a.weight", Tensor(shape: [2, 3], values: [1, -2, 3.5, .infinity, 0, -0.25])),
                                         ("b", Tensor(shape: [1], values: [7]))],
                               metadata: ["cfg": "4,M,6", "note": "quote \" and \\ kept"])
        let decoded = try SafeTensors.decode(file.encoded(), path: "mem")
        #expect(decoded == file)
        let headerLength = file.encoded()[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(headerLength % 8 == 0)
    }

    @Test func modelRoundTripKeepsOutputs() throws {
        var generator = SeededGenerator(seed: 4)
        var net = try VGG.make(model: "mnist-small", cfg: VGGConfig(parsing: "4,M,6,M"),
                               input: InputShape(channels: 1, height: 8, width: 8), classes: 3, generator: &generator)
        let x = generator.normalTensor(shape: [2, 1, 8, 8], std: 1)
        _ = net.forward(x, mode: .training, parallelism: .serial)  // moves the running statistics
        let path = NSTemporaryDirectory() + "slim-ckpt-\(UUID().uuidString).safetensors"
        try Checkpoint.save(net, to: path)
        var loaded = try Checkpoint.load(path: path)
        #expect(loaded.cfg == net.cfg && loaded.model == "mnist-small" && loaded.classes == 3)
        #expect(loaded.parameters.map(\.name) == net.parameters.map(\.name))
        #expect(loaded.parameters.map(\.value) == net.parameters.map(\.value))
        #expect(loaded.forward(x, mode: .evaluation, parallelism: .serial) == net.forward(x, mode: .evaluation, parallelism: .serial))
    }

    @Test func mismatchedCheckpointIsRefused() throws {
        let file = SafeTensors(tensors: [("feature.0.weight", Tensor(shape: [4, 1, 3, 3]))],
                               metadata: ["cfg": "4", "input": "1,4,4", "classes": "2"])
        let error = EngineError.checkpointMismatch(path: "x.safetensors", reason: "tensor 'feature.1.weight' is missing")
        #expect(throws: error) { try Checkpoint.network(from: file, path: "x.safetensors") }
        #expect(error.description == "x.safetensors: checkpoint does not match the model: tensor 'feature.1.weight' is missing")
        #expect(throws: EngineError.malformedFile(path: "y", reason: "too short for a safetensors header")) {
            try SafeTensors.decode([1, 2], path: "y")
        }
    }
}
