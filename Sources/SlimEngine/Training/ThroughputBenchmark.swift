import Foundation
import SlimLog

/// Training and inference speed of one model on random data: the engine side of
/// `scripts/bench-train.sh`. Times are medians of repeated, warmed-up steps.
public struct ThroughputBenchmark: Sendable {
    public var model: String
    public var cfg: VGGConfig
    public var input: InputShape
    public var classes: Int = 10
    public var batchSize: Int
    public var steps: Int
    public var parallelism: Parallelism

    public init(model: String, cfg: VGGConfig, input: InputShape, batchSize: Int = 64, steps: Int = 10,
                parallelism: Parallelism) {
        self.model = model; self.cfg = cfg; self.input = input; self.batchSize = batchSize
        self.steps = steps; self.parallelism = parallelism
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

        /// One line for scripts: model, training and inference images/s, training and
        /// inference GFLOP/s, peak bytes, OpenBLAS kernels.
        public func line(model: String) -> String {
            [model, String(format: "%.2f", trainImagesPerSecond), String(format: "%.2f", inferenceImagesPerSecond),
             String(format: "%.2f", trainGFLOPS), String(format: "%.2f", inferenceGFLOPS), String(peakMemoryBytes),
             BLAS.coreName].joined(separator: " ")
        }
    }

    public func run() throws -> Result {
        var generator = SeededGenerator(seed: 1)
        var network = try VGG.make(model: model, cfg: cfg, input: input, classes: classes, generator: &generator)
        let images = generator.normalTensor(shape: [batchSize, input.channels, input.height, input.width], std: 1)
        let labels = (0..<batchSize).map { Int32($0 % classes) }
        var optimizer = SGD(momentum: 0.9, weightDecay: 1e-4)
        BLAS.setThreads(parallelism.threads)
        let trainStep = {
            network.zeroGradients()
            let logits = network.forward(images, mode: .training, parallelism: parallelism)
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            network.backward(loss.gradient, parallelism: parallelism)
            optimizer.step(&network, learningRate: 0.01, parallelism: parallelism)
        }
        let train = Self.median(repeats: steps, warmup: 3, trainStep)
        let infer = Self.median(repeats: steps * 2, warmup: 3) {
            _ = network.forward(images, mode: .evaluation, parallelism: parallelism)
        }
        let flops = 2 * Double(network.multiplyAccumulates)
        let trainIPS = Double(batchSize) / train, inferIPS = Double(batchSize) / infer
        return Result(trainImagesPerSecond: trainIPS, inferenceImagesPerSecond: inferIPS,
                      trainGFLOPS: trainIPS * 3 * flops / 1e9, inferenceGFLOPS: inferIPS * flops / 1e9,
                      peakMemoryBytes: PeakMemory.residentBytes, flopsPerImage: flops)
    }

    static func median(repeats: Int, warmup: Int, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
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
