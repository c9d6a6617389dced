import Foundation
import FuzzSupport
import Testing
@testable import SlimImport

/// Seeded mutation fuzzing of checkpoint reading (zip, legacy pickle streams, the pickle
/// machine, state dicts, metadata, network recognition). A trap ends the test process, so
/// finishing is the assertion; the object cap of the pickle reader bounds memory.
@Suite struct CheckpointFuzzTests {
    static let count = 2_000

    static let seedNames = ["vgg_sr_zip.pth.tar", "vgg_sr_legacy.pth.tar", "vgg_pruned_legacy.pth.tar",
                            "resnet_selection_zip.pth.tar", "vgg_bare_dataparallel.pth"]

    @Test func mutatedCheckpointsNeverTrap() throws {
        let fixtures = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        let seeds = try Self.seedNames.map { [UInt8](try Data(contentsOf: fixtures.appendingPathComponent($0))) }
        var mutator = Mutator(seed: 14)
        var refused = 0
        for k in 0..<Self.count {
            let bytes = mutator.mutate(seeds[k % seeds.count])
            do {
                let checkpoint = try Checkpoint(bytes: bytes, file: "fuzz-\(k).pth")
                let stateDict = try StateDict(checkpoint)
                let metadata = try CheckpointMetadata(checkpoint)
                _ = try ImportedNetwork(stateDict, family: nil, savedCfg: metadata.cfg)
            } catch {
                refused += 1
                #expect("\(error)".hasPrefix("fuzz-\(k).pth"), "an error that does not name the file: \(error)")
            }
        }
        #expect(refused > Self.count / 20 && refused < Self.count, "refused \(refused) of \(Self.count)")
    }
}
