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

    /// Measures several networks interleaved, one pass of each in turn, so a change of load
    /// on a shared machine hits all of them alike; for comparing widths side by side. Each
    /// keeps going until every median has settled (or the cap, counted per network). Peak
    /// memory is that of all of them together, so it is not recorded.
    public func measureInterleaved(_ networks: [Network], pass: Int, phase: Phase) -> [Measurement] {
        var models = networks
        var generator = SeededGenerator(seed: 99)
        let names = networks.map { $0.architecture(pass: pass).layers.map(\.name) }
        var latencies = Array(repeating: [Latency](), count: networks.count)
        for batch in batchSizes {
            let inputs = models.map { generator.normalTensor(shape: [batch, $0.input.channels, $0.input.height, $0.input.width], std: 1) }
            var samples = names.map { Samples(layers: $0.count) }
            var round = 0
            while true {
                for k in models.indices { samples[k].time(&models[k], inputs[k], keep: round >= warmup, parallelism: parallelism) }
                round += 1
                let timed = samples[0].times.count
                guard round > warmup else { continue }
                if timed >= maxRepeats { break }
                let spent = samples.map(\.spent).max() ?? 0
                if timed >= repeats, timed % checkEvery == 0, spent >= budgetSeconds || samples.allSatisfy({ isStable($0.times) }) { break }
            }
            for k in models.indices { latencies[k].append(samples[k].latency(batch: batch, names: names[k])) }
        }
        return networks.indices.map { k in
            Measurement(pass: pass, phase: phase, latency: latencies[k], params: networks[k].parameterCount,
                        cpu: EngineInfo.cpuModel, threads: parallelism.threads)
        }
    }

    private func latency(of model: inout Network, batch: Int, names: [String], generator: inout SeededGenerator) -> Latency {
        let input = generator.normalTensor(shape: [batch, model.input.channels, model.input.height, model.input.width], std: 1)
        var samples = Samples(layers: names.count)
        var k = 0
        while true {
            samples.time(&model, input, keep: k >= warmup, parallelism: parallelism)
            k += 1
            let timed = samples.times.count
            guard k > warmup else { continue }
            if timed >= maxRepeats { break }
            if timed >= repeats, timed % checkEvery == 0, samples.spent >= budgetSeconds || isStable(samples.times) { break }
        }
        return samples.latency(batch: batch, names: names)
    }

    /// Whether the median of all passes differs from the median without the last `checkEvery`
    /// by less than `tolerance`.
    private func isStable(_ times: [Double]) -> Bool {
        let all = Self.median(times.sorted())
        let earlier = Self.median(times.dropLast(checkEvery).sorted())
        return abs(all - earlier) <= tolerance * earlier
    }

    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }
}

/// The timed passes of one network at one batch size: whole-model and per-layer milliseconds,
/// `layerTimes[layer][pass]` taken inside `times[pass]`.
struct Samples {
    var times: [Double] = []
    var layerTimes: [[Double]]
    /// Seconds of timed passes so far.
    var spent = 0.0

    init(layers: Int) { layerTimes = Array(repeating: [], count: layers) }

    /// One forward pass of `model`, recorded when `keep` (not a warm-up).
    mutating func time(_ model: inout Network, _ input: Tensor, keep: Bool, parallelism: Parallelism) {
        var pass = Array(repeating: 0.0, count: layerTimes.count)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = model.forward(input, mode: .evaluation, parallelism: parallelism) { i, seconds in
            if i < pass.count { pass[i] = seconds * 1e3 }
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        guard keep else { return }
        times.append(ms)
        for i in pass.indices { layerTimes[i].append(pass[i]) }
        spent += ms / 1e3
    }

    func latency(batch: Int, names: [String]) -> Latency {
        let sorted = times.sorted()
        // The layers of a fused run after the first are reported as 0 in every pass: their time
        // is in the first layer's, so they are left out rather than shown as free.
        let layers = names.indices.compactMap { i -> LayerLatency? in
            let t = layerTimes[i].sorted()
            guard let last = t.last, last > 0 else { return nil }
            return LayerLatency(name: names[i], medianMs: LatencyMeasurement.median(t), minMs: t.first, maxMs: last)
        }
        return Latency(batch: batch, medianMs: LatencyMeasurement.median(sorted), minMs: sorted.first, maxMs: sorted.last,
                       repeats: times.count, layers: layers)
    }
}
