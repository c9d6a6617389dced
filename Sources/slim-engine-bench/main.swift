import Foundation
import SlimCLI
import SlimEngine
import SlimLog

// The engine side of scripts/bench-train.sh: training and inference speed of one model on
// random data, one line on standard output (see ThroughputBenchmark.Result.line), or with
// --profile a table of where the time goes layer by layer.
let spec = CommandSpec(
    name: "slim-engine-bench", abstract: "Measure Slim's training and inference speed for one model.",
    options: [
        OptionSpec("model", value: "NAME", help: "A VGG preset, resnetN or densenetN (mnist-*: 1×28×28 input; others 3×32×32)."),
        OptionSpec("batch", value: "N", help: "Batch size (default 64)."),
        OptionSpec("steps", value: "N", help: "Timed steps; the median is reported (default 10)."),
        OptionSpec("threads", value: "N", help: "Threads (default: SLIM_THREADS or all cores)."),
        OptionSpec("blas-kernel", value: "NAME", help: "auto (default), default, or an OpenBLAS core name such as Haswell."),
        OptionSpec("clock", value: "wall|cpu", help: "Time steps by wall time (default) or the process's CPU time (a shared machine)."),
        OptionSpec("profile", help: "Print per-layer times (evaluation forward, training forward, backward) instead."),
        OptionSpec("by-kind", help: "With --profile: one row per kind of layer instead of per layer."),
        OptionSpec("measure-gemm", help: "Print single-threaded SGEMM GFLOP/s and exit (used by the kernel calibration)."),
    ])

/// The --clock option: `wall` (default) or `cpu`.
func clock(_ parsed: ParsedArguments) throws(UsageError) -> ThroughputBenchmark.Clock {
    guard let name = parsed.string("clock") else { return .wall }
    guard let clock = ThroughputBenchmark.Clock(rawValue: name) else {
        throw UsageError(command: spec, message: "option '--clock' expects wall or cpu, got '\(name)'")
    }
    return clock
}

BLASKernelChoice.applyAtStartup(calibrationArguments: ["--measure-gemm"])
CommandRunner.run(tool: "slim-engine-bench") {
    let parsed = try spec.parse(Array(CommandLine.arguments.dropFirst()))
    if parsed.wantsHelp { print(spec.help); return }
    if parsed.flag("measure-gemm") { print(BLASKernelChoice.measureGEMM()); return }
    let model = parsed.string("model") ?? "mnist-vgg"
    let threads = try parsed.int("threads", in: spec) ?? Parallelism.defaultThreads
    let input = model.hasPrefix("mnist") ? InputShape(channels: 1, height: 28, width: 28)
        : InputShape(channels: 3, height: 32, width: 32)
    let benchmark = ThroughputBenchmark(model: model, input: input, batchSize: try parsed.int("batch", in: spec) ?? 64,
                                        steps: try parsed.int("steps", in: spec) ?? 10,
                                        parallelism: Parallelism(threads: threads), clock: try clock(parsed))
    if parsed.flag("profile") {
        let profile = try benchmark.profile()
        print("\(model), batch \(benchmark.batchSize), \(threads) threads, OpenBLAS \(BLAS.coreName); medians of \(benchmark.steps) steps")
        print((parsed.flag("by-kind") ? profile.grouped() : profile).table())
        return
    }
    print(try benchmark.run().line(model: model))
}
