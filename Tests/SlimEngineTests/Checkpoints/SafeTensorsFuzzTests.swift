import Foundation
import FuzzSupport
import SlimLog
import Testing
@testable import SlimEngine

/// Seeded mutation fuzzing of safetensors checkpoints (what `--resume` and `measure-model`
/// load): header, shapes, offsets, graph metadata. A trap ends the test process.
@Suite struct SafeTensorsFuzzTests {
    static let count = 1_000

    @Test func mutatedSafeTensorsNeverTrap() throws {
        // Small checkpoints as slim-train writes them: a VGG and a pre-activation ResNet.
        var generator = SeededGenerator(seed: 14)
        let vgg = try VGG.make(model: "mnist-small", cfg: VGGConfig(parsing: "4,M,6,M"),
                               input: InputShape(channels: 1, height: 8, width: 8), classes: 3, generator: &generator)
        let resnet = try PreResNet.make(depth: 11, width: 2, input: InputShape(channels: 3, height: 8, width: 8), classes: 4,
                                        generator: &generator)
        let seeds = [Checkpoint.contents(of: vgg).encoded(), Checkpoint.contents(of: resnet).encoded()]
        var mutator = Mutator(seed: 14)
        var refused = 0
        for k in 0..<Self.count {
            let path = "fuzz-\(k).safetensors"
            do {
                let file = try SafeTensors.decode(mutator.mutate(seeds[k % seeds.count]), path: path)
                _ = try Checkpoint.network(from: file, path: path)
            } catch {
                refused += 1
                #expect("\(error)".contains(path), "an error that does not name the file: \(error)")
            }
        }
        #expect(refused > Self.count / 20 && refused < Self.count, "refused \(refused) of \(Self.count)")
    }

    /// The shape of issue 14: 2^32 × 2^32 × 2 elements overflowed the element count.
    @Test func hugeShapesAreRefused() {
        let header = #"{"w":{"dtype":"F32","shape":[4294967296,4294967296,2],"data_offsets":[0,8]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init) + Array(header.utf8)
        bytes += [UInt8](repeating: 0, count: 8)
        #expect(throws: EngineError.malformedFile(path: "big.safetensors", reason: "tensor 'w' data_offsets [0, 8] do not match shape [4294967296, 4294967296, 2] or the file size")) {
            _ = try SafeTensors.decode(bytes, path: "big.safetensors")
        }
        var long = withUnsafeBytes(of: UInt64.max.littleEndian, Array.init)
        long += [0x7B, 0x7D]
        #expect(throws: EngineError.malformedFile(path: "long.safetensors", reason: "safetensors header length 18446744073709551615 exceeds the file size 10")) {
            _ = try SafeTensors.decode(long, path: "long.safetensors")
        }
    }
}
