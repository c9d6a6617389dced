import Foundation
import FuzzSupport
import Testing
@testable import SlimEngine

/// Seeded mutation fuzzing of safetensors checkpoints (what `--resume` and `measure-model`
/// load): header, shapes, offsets, graph metadata. A trap ends the test process.
@Suite struct SafeTensorsFuzzTests {
    static let count = 1_000

    @Test func mutatedSafeTensorsNeverTrap() throws {
        let fixtures = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        let seeds = try ["vgg-avgpool.safetensors", "vgg-flatten.safetensors"].map {
            [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0)))
        }
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
