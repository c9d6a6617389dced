import Foundation
import SlimCLI
import SlimEngine
import SlimLog

// The engine side of scripts/bench-train.sh: training and inference speed of one model on
// random data, one line on standard output (see ThroughputBenchmark.Result.line).
let spec = CommandSpec(
    name: "slim-engine-bench", abstract: "Measure Slim's training and inference speed for one model.",
    options: [
        OptionSpec("model", value: "NAME", help: "A VGG preset (mnist-vgg: 1×28×28 input; others 3×32×32)."),
        OptionSpec("batch", value: "N", help: "Batch size (default 64)."),
        OptionSpec("steps", value: "N", help: "Timed steps; the median is reported (default 10)."),
        OptionSpec("threads", value: "N", help: "Threads (default: SLIM_THREADS or all cores)."),
        OptionSpec("blas-kernel", value: "NAME", help: "auto (default), default, or an OpenBLAS core name such as Haswell."),
        OptionSpec("measure-gemm", help: "Print single-threaded SGEMM GFLOP/s and exit (used by the kernel calibration)."),
    ])

BLASKernelChoice.applyAtStartup(calibrationArguments: ["--measure-gemm"])
CommandRunner.run(tool: "slim-engine-bench") {
    let parsed = try spec.parse(Array(CommandLine.arguments.dropFirst()))
    if parsed.wantsHelp { print(spec.help); return }
    if parsed.flag("measure-gemm") { print(BLASKernelChoice.measureGEMM()); return }
    let model = parsed.string("model") ?? "mnist-vgg"
    guard let cfg = VGGConfig.preset(model) else { throw EngineError.unknownModel(model) }
    let threads = try parsed.int("threads", in: spec) ?? Parallelism.defaultThreads
    let input = model.hasPrefix("mnist") ? InputShape(channels: 1, height: 28, width: 28)
        : InputShape(channels: 3, height: 32, width: 32)
    let benchmark = ThroughputBenchmark(model: model, cfg: cfg, input: input, batchSize: try parsed.int("batch", in: spec) ?? 64,
                                        steps: try parsed.int("steps", in: spec) ?? 10,
                                        parallelism: Parallelism(threads: threads))
    print(try benchmark.run().line(model: model))
}
