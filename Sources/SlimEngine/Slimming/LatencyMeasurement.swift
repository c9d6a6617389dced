import Dispatch
import SlimLog

/// Measures the real model: warm forward-pass latency in evaluation mode at several batch
/// sizes, each layer's share of the same passes, the process's peak resident memory while
/// doing so, and model bytes.
///
/// On a shared machine one figure is not enough: after `repeats` timed passes it keeps going,
/// `checkEvery` passes at a time, until the median moves by less than `tolerance` or the cap
/// (`maxRepeats` passes or `budgetSeconds`) is reached; min and max are always recorded.
public struct LatencyMeasurement: Sendable {
    public var batchSizes: [Int]
    /// Timed passes at least.
    public var repeats: Int
    public var warmup: Int
    /// Timed passes at most, per batch size.
    public var maxRepeats: Int
    /// Once this many seconds of timed passes are spent on a batch size, stop at the next check.
    public var budgetSeconds: Double
    /// The median counts as stable when the last `checkEvery` passes moved it by less than this
    /// fraction.
    public var tolerance: Double
    public var checkEvery: Int
    public var parallelism: Parallelism

    public init(batchSizes: [Int] = [1, 64], repeats: Int = 15, warmup: Int = 3, maxRepeats: Int = 100,
                budgetSeconds: Double = 4, tolerance: Double = 0.01, checkEvery: Int = 5, parallelism: Parallelism) {
        self.batchSizes = batchSizes; self.repeats = repeats; self.warmup = warmup; self.maxRepeats = max(repeats, maxRepeats)
        self.budgetSeconds = budgetSeconds; self.tolerance = tolerance; self.checkEvery = max(1, checkEvery)
        self.parallelism = parallelism
    }

    public func measure(_ network: Network, pass: Int, phase: Phase) -> Measurement {
        var model = network
        var generator = SeededGenerator(seed: 99)
        var latencies: [Latency] = []
        let names = network.architecture(pass: pass).layers.map(\.name)
        let peak = ResidentMemoryWindow.peak {
            latencies = batchSizes.map { latency(of: &model, batch: $0, names: names, generator: &generator) }
        }
        let scalars = network.parameters.reduce(0) { $0 + $1.value.count }
        return Measurement(pass: pass, phase: phase, latency: latencies, peakMemoryBytes: peak,
                           modelBytes: scalars * MemoryLayout<Float>.size, params: network.parameterCount,
                           cpu: EngineInfo.cpuModel, threads: parallelism.threads)
    }

    private func latency(of model: inout Network, batch: Int, names: [String], generator: inout SeededGenerator) -> Latency {
        let input = generator.normalTensor(shape: [batch, model.input.channels, model.input.height, model.input.width], std: 1)
        var times: [Double] = []
        var layerTimes = Array(repeating: [Double](), count: names.count)
        var spent = 0.0
        var k = 0
        while true {
            var pass = Array(repeating: 0.0, count: names.count)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = model.forward(input, mode: .evaluation, parallelism: parallelism) { i, seconds in
                if i < pass.count { pass[i] = seconds * 1e3 }
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            k += 1
            guard k > warmup else { continue }
            times.append(ms)
            for i in pass.indices { layerTimes[i].append(pass[i]) }
            spent += ms / 1e3
            if times.count >= maxRepeats { break }
            if times.count >= repeats, times.count % checkEvery == 0,
               spent >= budgetSeconds || isStable(times) { break }
        }
        let sorted = times.sorted()
        // The layers of a fused run after the first are reported as 0 in every pass: their time
        // is in the first layer's, so they are left out rather than shown as free.
        let layers = names.indices.compactMap { i -> LayerLatency? in
            let t = layerTimes[i].sorted()
            guard let last = t.last, last > 0 else { return nil }
            return LayerLatency(name: names[i], medianMs: Self.median(t), minMs: t.first, maxMs: last)
        }
        return Latency(batch: batch, medianMs: Self.median(sorted), minMs: sorted.first, maxMs: sorted.last,
                       repeats: times.count, layers: layers)
    }

    /// Whether the median of all passes differs from the median without the last `checkEvery`
    /// by less than `tolerance`.
    private func isStable(_ times: [Double]) -> Bool {
        let all = Self.median(times.sorted())
        let earlier = Self.median(times.dropLast(checkEvery).sorted())
        return abs(all - earlier) <= tolerance * earlier
    }

    private static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}
