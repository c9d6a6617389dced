import Foundation
import SlimCLI
import SlimEngine
import SlimLog

/// `slim-train plan --model NAME [--cfg LIST] [--dataset NAME] -o arch.log`: a log of the
/// `run` and `architecture` events only, so `slim-report summary` shows any network's
/// parameters and FLOPs per layer without training it.
enum PlanCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train plan",
        abstract: "Write a network's architecture as a run log (run + architecture, no training) for 'slim-report summary'.",
        options: [
            OptionSpec("model", value: "NAME", help: "any model 'slim-train train' takes (default mnist-vgg)"),
            OptionSpec("cfg", value: "LIST", help: "custom VGG widths, e.g. 32,32,M,64 (M = 2×2 max-pool)"),
            OptionSpec("dataset", value: "NAME", help: "the input the network is built for: \(DatasetCatalog.names.joined(separator: ", ")) (default mnist-5k; no data is read)"),
            OptionSpec("name", value: "TEXT", help: "run name shown in reports"),
            OptionSpec("output", short: "o", value: "FILE", help: "the log to write (must not exist)"),
            WrittenFile.quietOption,
        ],
        discussion: """
        Example:
          slim-train plan --model vgg19 --dataset cifar10 -o vgg19.log && slim-report summary vgg19.log
        """)

    static func run(_ a: ParsedArguments) throws {
        try a.requirePositionals(0...0, in: spec, what: "")
        guard let path = a.string("output") else { throw UsageError(command: spec, message: "give the log to write with '-o FILE', e.g. -o arch.log") }
        var options = TrainingRunOptions()
        let dataset = try ModelChoice.apply(a, to: &options, in: spec)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LogError.writeFailed(path: path, reason: "the file exists; choose another output or remove it")
        }
        var generator = SeededGenerator(seed: options.seed)
        let network = try options.makeNetwork(input: dataset.input, classes: dataset.classes, generator: &generator)
        let header = header(network: network, options: options, dataset: dataset, name: a.string("name"), created: Date())
        var bytes: [UInt8] = []
        for event in [Event.run(header), .architecture(network.architecture(pass: 0))] {
            bytes += event.jsonLine
            bytes.append(0x0A)
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw LogError.writeFailed(path: path, reason: "cannot write the file; check that the directory exists and is writable")
        }
        WrittenFile.announce(path, a)
    }

    /// The `run` event of a plan: the model and its input, no training settings.
    static func header(network: Network, options: TrainingRunOptions, dataset: DatasetCatalog.Entry, name: String?,
                       created: Date) -> RunHeader {
        let format = DateFormatter()
        format.dateFormat = "yyyyMMdd-HHmmss"
        format.timeZone = TimeZone(identifier: "UTC")
        return RunHeader(runID: "\(format.string(from: created))-plan-\(options.model)",
                         name: name ?? "\(options.model) on \(dataset.name) (plan)",
                         created: ISO8601DateFormatter().string(from: created),
                         engine: Engine(name: "slim-train", version: EngineInfo.version),
                         config: RunConfig(model: options.model, cfg: network.cfg.logItems, dataset: dataset.name),
                         input: dataset.input, classes: dataset.classes)
    }
}
