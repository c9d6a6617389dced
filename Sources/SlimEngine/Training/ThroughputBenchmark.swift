import Foundation
import SlimLog

/// Training and inference speed of one model on random data: the engine side of
/// `scripts/bench-train.sh`. Times are medians of repeated, warmed-up steps.
public struct ThroughputBenchmark: Sendable {
    /// Any model `slim-train` builds: a VGG preset, `resnetN` or `densenetN`.
    public var model: String
    public var input: InputShape
    public var classes: Int = 10
    public var batchSize: Int
    public var steps: Int
    public var parallelism: Parallelism
    /// What a step's time is: wall time, or the CPU time of the whole process.
    public var clock: Clock

    /// How steps are timed. On a shared machine a process gets a slice of a core, so wall time
    /// measures the load as much as the engine; process CPU time (all threads) does not, and at
    /// one thread it is the wall time a quiet machine would give.
    public enum Clock: String, Sendable, CaseIterable {
        case wall, cpu

        /// Seconds since an arbitrary origin.
        var now: Double {
            switch self {
            case .wall: return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
            case .cpu:
                var t = timespec()
                clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
                return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
            }
        }
    }

    public init(model: String, input: InputShape, batchSize: Int = 64, steps: Int = 10, parallelism: Parallelism,
                clock: Clock = .wall) {
        self.model = model; self.input = input; self.batchSize = batchSize
        self.steps = steps; self.parallelism = parallelism; self.clock = clock
    }

    public struct Result: Sendable {
        public var trainImagesPerSecond: Double
        public var inferenceImagesPerSecond: Double
        /// Achieved GFLOP/s in training (forward + backward ≈ 3 × forward FLOPs) and inference.
        public var trainGFLOPS: Double
        public var inferenceGFLOPS: Double
        /// Peak resident memory of the process so far.
        public var peakMemoryBytes: Int
        /// Forward FLOPs (2 × MACs) of one image.
        public var flopsPerImage: Double
        /// Trainable scalars of the model.
        public var parameterCount: Int

        /// One line for scripts: model, training and inference images/s, training and
        /// inference GFLOP/s, peak bytes, OpenBLAS kernels, trainable parameters.
        public func line(model: String) -> String {
            [model, String(format: "%.2f", trainImagesPerSecond), String(format: "%.2f", inferenceImagesPerSecond),
             String(format: "%.2f", trainGFLOPS), String(format: "%.2f", inferenceGFLOPS), String(peakMemoryBytes),
             BLAS.coreName, String(parameterCount)].joined(separator: " ")
        }
    }

    /// The network (seed 1), a batch of random images and cyclic labels.
    func makeWorkload() throws -> (network: Network, images: Tensor, labels: [Int32]) {
        var generator = SeededGenerator(seed: 1)
        let network = try TrainingRunOptions(model: model).makeNetwork(input: input, classes: classes, generator: &generator)
        let images = generator.normalTensor(shape: [batchSize, input.channels, input.height, input.width], std: 1)
        return (network, images, (0..<batchSize).map { Int32($0 % classes) })
    }

    public func run() throws -> Result {
        var (network, images, labels) = try makeWorkload()
        var optimizer = SGD(momentum: 0.9, weightDecay: 1e-4)
        BLAS.setThreads(parallelism.threads)
        let trainStep = {
            network.zeroGradients()
            let logits = network.forward(images, mode: .training, parallelism: parallelism)
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            network.backward(loss.gradient, parallelism: parallelism)
            optimizer.step(&network, learningRate: 0.01, parallelism: parallelism)
        }
        let train = Self.median(repeats: steps, warmup: 3, clock: clock, trainStep)
        let infer = Self.median(repeats: steps * 2, warmup: 3, clock: clock) {
            _ = network.forward(images, mode: .evaluation, parallelism: parallelism)
        }
        let flops = 2 * Double(network.multiplyAccumulates)
        let trainIPS = Double(batchSize) / train, inferIPS = Double(batchSize) / infer
        return Result(trainImagesPerSecond: trainIPS, inferenceImagesPerSecond: inferIPS,
                      trainGFLOPS: trainIPS * 3 * flops / 1e9, inferenceGFLOPS: inferIPS * flops / 1e9,
                      peakMemoryBytes: PeakMemory.residentBytes, flopsPerImage: flops,
                      parameterCount: network.parameterCount)
    }

    static func median(repeats: Int, warmup: Int, clock: Clock = .wall, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = clock.now
            body()
            times.append(clock.now - start)
        }
        return median(of: times)
    }

    /// The median of `values` (0 when empty).
    static func median(of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted(), mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// The process's peak resident set size.
public enum PeakMemory {
    public static var residentBytes: Int {
        var usage = rusage()
        // RUSAGE_SELF is 0 on Linux and macOS; Glibc imports it as an enum of another type.
        getrusage(0, &usage)
        return usage.ru_maxrss * 1024
    }
}
