import Dispatch
import SlimLog

/// Measures the real model: warm forward-pass latency in evaluation mode at several batch
/// sizes (median of repeated runs), the process's peak resident memory while doing so, and
/// model bytes.
public struct LatencyMeasurement: Sendable {
    public var batchSizes: [Int]
    public var repeats: Int
    public var warmup: Int
    public var parallelism: Parallelism

    public init(batchSizes: [Int] = [1, 64], repeats: Int = 15, warmup: Int = 3, parallelism: Parallelism) {
        self.batchSizes = batchSizes; self.repeats = repeats; self.warmup = warmup; self.parallelism = parallelism
    }

    public func measure(_ network: Network, pass: Int, phase: Phase) -> Measurement {
        var model = network
        var generator = SeededGenerator(seed: 99)
        var latencies: [Latency] = []
        let peak = ResidentMemoryWindow.peak {
            latencies = batchSizes.map { latency(of: &model, batch: $0, generator: &generator) }
        }
        let scalars = network.parameters.reduce(0) { $0 + $1.value.count }
        return Measurement(pass: pass, phase: phase, latency: latencies, peakMemoryBytes: peak,
                           modelBytes: scalars * MemoryLayout<Float>.size, params: network.parameterCount)
    }

    private func latency(of model: inout Network, batch: Int, generator: inout SeededGenerator) -> Latency {
        let input = generator.normalTensor(shape: [batch, model.input.channels, model.input.height, model.input.width], std: 1)
        var times: [Double] = []
        for k in 0..<(warmup + repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = model.forward(input, mode: .evaluation, parallelism: parallelism)
            if k >= warmup { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        }
        times.sort()
        return Latency(batch: batch, medianMs: times[times.count / 2], minMs: times.first, maxMs: times.last, repeats: repeats)
    }
}
