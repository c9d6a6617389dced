import Testing
import SlimLog
@testable import SlimEngine

/// Per-layer latency is taken in the same passes as the whole model, so the layers must
/// account for the whole time; layers the engine fuses are timed under their first layer.
@Suite struct LatencyMeasurementTests {
    /// The per-layer medians may differ from the whole model's median by this fraction: the
    /// loop between layers is outside every layer's timer, and on a shared machine a median
    /// of sums is not a sum of medians. docs/analysis.md states the same tolerance.
    static let sumTolerance = 0.2

    private func measure(_ model: String, batchSizes: [Int]) throws -> Measurement {
        var generator = SeededGenerator(seed: 3)
        let network = try TrainingRunOptions(model: model).makeNetwork(input: InputShape(channels: 1, height: 28, width: 28),
                                                                       classes: 10, generator: &generator)
        let measurement = LatencyMeasurement(batchSizes: batchSizes, repeats: 9, warmup: 2, maxRepeats: 15, budgetSeconds: 1,
                                             parallelism: Parallelism(threads: 2))
        return measurement.measure(network, pass: 0, phase: .sparsity)
    }

    @Test func perLayerTimesAddUpToTheWholeModel() throws {
        for model in ["mnist-vgg", "resnet20"] {
            let m = try measure(model, batchSizes: [4])
            for latency in m.latency {
                let layers = try #require(latency.layers)
                let sum = layers.reduce(0) { $0 + $1.medianMs }
                #expect(abs(sum / latency.medianMs - 1) <= Self.sumTolerance,
                        "\(model) batch \(latency.batch): layers \(sum) ms, whole \(latency.medianMs) ms")
                #expect(layers.allSatisfy { ($0.minMs ?? 0) <= $0.medianMs && $0.medianMs <= ($0.maxMs ?? .infinity) })
                #expect((latency.repeats ?? 0) >= 9 && (latency.repeats ?? 0) <= 15)
            }
            #expect(m.threads == 2)
            #expect(m.cpu == EngineInfo.cpuModel)
        }
    }

    @Test func fusedLayersAreTimedUnderTheirFirstLayer() throws {
        let m = try measure("mnist-vgg", batchSizes: [1])
        let names = try #require(m.latency.first?.layers).map(\.name)
        // conv feature.0 → BN feature.1 → ReLU feature.2 run as one in evaluation.
        #expect(names.prefix(3) == ["feature.0", "feature.3", "feature.6"])
        #expect(!names.contains("feature.1") && !names.contains("feature.2"))
        #expect(names.last == "classifier")
    }
}
