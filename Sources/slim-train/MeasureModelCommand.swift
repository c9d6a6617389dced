import Foundation
import SlimCLI
import SlimEngine
import SlimLog

/// `slim-train measure-model --checkpoint FILE | --model NAME [--cfg LIST]`: builds or loads a
/// network in this fresh process, measures its warm latency (whole model and per layer) and
/// prints it, then the process's peak resident memory. `slim-train train` runs it after every
/// phase, so the recorded memory is the model's own and not what the training around it left
/// behind; with `--model`/`--cfg` it times any width on this machine without training (the
/// weights are random: latency does not depend on them).
enum MeasureModelCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train measure-model",
        abstract: "Measure a network's latency (whole and per layer) and peak memory in a fresh process (slim-train runs it after every phase).",
        options: [
            OptionSpec("checkpoint", value: "FILE", help: "a .safetensors checkpoint written by slim-train (repeatable)", repeatable: true),
            OptionSpec("model", value: "NAME", help: "instead of a checkpoint: a model slim-train can build (random weights), e.g. mnist-vgg, resnet20 (repeatable)", repeatable: true),
            OptionSpec("cfg", value: "LIST", help: "instead of a checkpoint: VGG widths, e.g. 32,32,M,64 (M = 2×2 max-pool; repeatable)", repeatable: true),
            OptionSpec("dataset", value: "NAME", help: "input shape and classes for --model/--cfg: mnist-5k (default), mnist or fashion-mnist (1×28×28), cifar10, cifar100 (3×32×32)"),
            OptionSpec("threads", value: "N", help: "threads (default: all cores)"),
        ],
        discussion: """
        Output, one line each: 'latency BATCH MEDIAN_MS MIN_MS MAX_MS REPEATS' per batch size,
        'layer BATCH MEDIAN_MS MIN_MS MAX_MS NAME' per layer (a run the engine fuses, conv → BN → ReLU
        in evaluation, is timed as one under its first layer's name), 'cpu NAME', 'threads N',
        'params N', then 'peak_memory_bytes N'.
        Several networks (repeat --checkpoint, --model or --cfg) are timed interleaved, one pass of
        each in turn, so changing load hits them alike: a block per network starting with
        'network LABEL' (latency, layer and params lines), then 'cpu' and 'threads'; no peak memory.
        Example: slim-train measure-model --cfg 32,32,M,64,64,M,128,128,M --threads 2
        """)

    static func run(_ a: ParsedArguments) throws {
        try a.requirePositionals(0...0, in: spec, what: "")
        let threads = try a.int("threads", in: spec) ?? ProcessInfo.processInfo.activeProcessorCount
        guard threads >= 1 else { throw UsageError(command: spec, message: "option '--threads' must be ≥ 1, got \(threads)") }
        BLAS.setThreads(threads)
        let networks = try self.networks(from: a)
        let measurement = LatencyMeasurement(parallelism: Parallelism(threads: threads))
        var lines: [String] = []
        if networks.count == 1, let network = networks.first?.network {
            let measured = measurement.measure(network, pass: 0, phase: .pruned)
            lines += latencyLines(measured)
            lines.append("cpu \(measured.cpu ?? EngineInfo.cpuModel)")
            lines.append("threads \(threads)")
            lines.append("params \(network.parameterCount)")
            // Not getrusage: a spawned child inherits the parent's peak through exec on Linux.
            lines.append("peak_memory_bytes \(measured.peakMemoryBytes ?? PeakMemory.residentBytes)")
        } else {
            let measured = measurement.measureInterleaved(networks.map(\.network), pass: 0, phase: .pruned)
            for ((label, network), m) in zip(networks, measured) {
                lines.append("network \(label)")
                lines += latencyLines(m)
                lines.append("params \(network.parameterCount)")
            }
            lines.append("cpu \(EngineInfo.cpuModel)")
            lines.append("threads \(threads)")
        }
        print(lines.joined(separator: "\n"))
    }

    private static func latencyLines(_ measured: SlimLog.Measurement) -> [String] {
        measured.latency.flatMap { l in
            ["latency \(l.batch) \(l.medianMs) \(l.minMs ?? l.medianMs) \(l.maxMs ?? l.medianMs) \(l.repeats ?? 1)"]
                + (l.layers ?? []).map { p in "layer \(l.batch) \(p.medianMs) \(p.minMs ?? p.medianMs) \(p.maxMs ?? p.medianMs) \(p.name)" }
        }
    }

    /// Every network named, labelled as given: checkpoints, then models, then cfgs.
    private static func networks(from a: ParsedArguments) throws -> [(label: String, network: Network)] {
        let checkpoints = a.strings("checkpoint"), models = a.strings("model"), cfgs = a.strings("cfg")
        guard !(checkpoints.isEmpty && models.isEmpty && cfgs.isEmpty) else {
            throw UsageError(command: spec, message: "give --checkpoint FILE, --model NAME or --cfg LIST")
        }
        guard checkpoints.isEmpty || (models.isEmpty && cfgs.isEmpty && a.string("dataset") == nil) else {
            throw UsageError(command: spec, message: "give either --checkpoint FILE or --model/--cfg, not both")
        }
        var result: [(String, Network)] = []
        for path in checkpoints { result.append((path, try Checkpoint.load(path: path))) }
        for model in models { result.append((model, try built(model: model, cfg: nil, dataset: a.string("dataset")))) }
        for cfg in cfgs { result.append((cfg, try built(model: nil, cfg: cfg, dataset: a.string("dataset")))) }
        return result
    }

    /// A network slim-train can build, with random weights (latency does not depend on them).
    private static func built(model: String?, cfg: String?, dataset: String?) throws -> Network {
        var t = TrainingRunOptions(epochs: 0)
        let entry = try ModelChoice.choose(model: model, cfg: cfg, dataset: dataset, into: &t, in: spec)
        var generator = SeededGenerator(seed: 1)
        return try t.makeNetwork(input: entry.input, classes: entry.classes, generator: &generator)
    }
}
