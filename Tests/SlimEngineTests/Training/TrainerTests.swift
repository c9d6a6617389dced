import Foundation
import Testing
import SlimLog
@testable import SlimEngine

@Suite("Trainer and its run log")
struct TrainerTests {
    /// Two separable classes of 4×4 images: bright top half or bright bottom half.
    static func stripes(count: Int, seed: UInt64) -> LabeledImages {
        var generator = SeededGenerator(seed: seed)
        var images: [Float] = [], labels: [Int32] = []
        for i in 0..<count {
            let label = Int32(i % 2)
            labels.append(label)
            for row in 0..<4 {
                for _ in 0..<4 { images.append((row < 2) == (label == 0) ? 1 + generator.normal(std: 0.1) : generator.normal(std: 0.1)) }
            }
        }
        return LabeledImages(images: images, labels: labels, shape: InputShape(channels: 1, height: 4, width: 4))
    }

    @Test func learnsAndRecordsEpochAndGammaEvents() throws {
        let dataset = Dataset(name: "stripes", train: Self.stripes(count: 64, seed: 1), test: Self.stripes(count: 32, seed: 2),
                              classes: 2, augmentation: .none, mean: [0], std: [1])
        var generator = SeededGenerator(seed: 1)
        let network = try VGG.make(model: "t", cfg: VGGConfig(parsing: "4,M"), input: dataset.input, classes: 2,
                                   generator: &generator)
        let path = NSTemporaryDirectory() + "slim-trainer-\(UUID().uuidString).log"
        let writer = try LogWriter(path: path, mode: .create)
        var events: [Event] = []
        let settings = TrainingSettings(epochs: 4, batchSize: 16, learningRate: 0.05, gammaEvery: 3, parallelism: Parallelism(threads: 2))
        var trainer = Trainer(network: network, dataset: dataset, settings: settings) { event in
            events.append(event)
            try writer.append(event)
        }
        var hookCalls = 0
        trainer.afterBackward = { _ in hookCalls += 1 }
        try writer.append(.run(RunHeader(runID: "t", name: "t", created: "2026-11-25T00:00:00Z",
                                         engine: Engine(name: "slim-train", version: EngineInfo.version),
                                         config: RunConfig(model: "t", dataset: "stripes"), input: dataset.input, classes: 2)))
        let records = try trainer.train(pass: 0, phase: .baseline)
        #expect(hookCalls == 16 && trainer.step == 16)
        #expect(records.map(\.epoch) == [1, 2, 3, 4])
        #expect(records.last!.testAccuracy! == 1)
        #expect(records.last!.lr < 0.05)
        // Per epoch: gamma every 3 steps inside the epoch, then epoch, then the epoch-end gamma.
        let kinds = events.map(\.type)
        #expect(kinds.filter { $0 == "epoch" }.count == 4)
        #expect(kinds.prefix(4) == ["gamma", "epoch", "gamma", "gamma"])
        var reader = try LogReader(path: path)
        var read = 0
        while try reader.next() != nil { read += 1 }
        #expect(read == events.count + 1)
        let eval = trainer.evaluate(dataset.test)
        #expect(eval.count == 32 && eval.accuracy == 1)
    }
}
