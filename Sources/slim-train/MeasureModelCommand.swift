import Foundation
import SlimCLI
import SlimEngine

/// `slim-train measure-model --checkpoint FILE`: loads a checkpoint into this fresh process,
/// measures its warm latency and prints one line per batch size, then the process's peak
/// resident memory. `slim-train train` runs it after every phase, so the recorded memory is
/// the model's own and not what the training around it left behind.
enum MeasureModelCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train measure-model",
        abstract: "Measure a checkpoint's latency and peak memory in a fresh process (slim-train runs it after every phase).",
        options: [
            OptionSpec("checkpoint", value: "FILE", help: "a .safetensors checkpoint written by slim-train"),
            OptionSpec("threads", value: "N", help: "threads (default: all cores)"),
        ],
        discussion: "Output: 'latency BATCH MEDIAN_MS MIN_MS MAX_MS REPEATS' per batch size, then 'peak_memory_bytes N'.")

    static func run(_ a: ParsedArguments) throws {
        try a.requirePositionals(0...0, in: spec, what: "")
        guard let path = a.string("checkpoint") else { throw UsageError(command: spec, message: "give --checkpoint FILE") }
        let threads = try a.int("threads", in: spec) ?? ProcessInfo.processInfo.activeProcessorCount
        BLAS.setThreads(threads)
        let network = try Checkpoint.load(path: path)
        let measured = LatencyMeasurement(parallelism: Parallelism(threads: threads)).measure(network, pass: 0, phase: .pruned)
        for l in measured.latency {
            print("latency \(l.batch) \(l.medianMs) \(l.minMs ?? l.medianMs) \(l.maxMs ?? l.medianMs) \(l.repeats ?? 1)")
        }
        // Not getrusage: a spawned child inherits the parent's peak through exec on Linux.
        print("peak_memory_bytes \(measured.peakMemoryBytes ?? PeakMemory.residentBytes)")
    }
}
