import Dispatch
import SlimLog

/// Measures the real model: warm forward-pass latency in evaluation mode at several batch
/// sizes (median of repeated runs), peak memory and model bytes.
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
        let latencies = batchSizes.map { batch -> Latency in
            let input = generator.normalTensor(shape: [batch, network.input.channels, network.input.height, network.input.width], std: 1)
            var times: [Double] = []
            for k in 0..<(warmup + repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = model.forward(input, mode: .evaluation, parallelism: parallelism)
                if k >= warmup { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
            }
            times.sort()
            return Latency(batch: batch, medianMs: times[times.count / 2], minMs: times.first, maxMs: times.last, repeats: repeats)
        }
        let scalars = network.parameters.reduce(0) { $0 + $1.value.count }
        return Measurement(pass: pass, phase: phase, latency: latencies, peakMemoryBytes: PeakMemory.residentBytes,
                           modelBytes: scalars * MemoryLayout<Float>.size, params: network.parameterCount)
    }
}
