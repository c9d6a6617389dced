import SlimLog

/// A sparsity-trained checkpoint, optionally with its pruned version, turned into the events
/// of a `slim-run/1` log: run header, architecture and γ of each, and the prune between them.
public struct CheckpointImport: Sendable {
    public let original: ImportedCheckpoint
    public let pruned: ImportedCheckpoint?
    /// The prune reconstructed from the pair (nil without a pruned checkpoint).
    public let prune: PruneRecord?

    /// The engine name written into imported logs.
    public static let engine = Engine(name: "slim-report import", version: "0.1.0")

    public init(original: ImportedCheckpoint, pruned: ImportedCheckpoint? = nil) throws {
        self.original = original
        self.pruned = pruned
        prune = try pruned.map { try PruneInference(original: original, pruned: $0).record(pass: 1) }
    }

    /// Reads `checkpoint` and, when given, `pruned` (both with `family` if set).
    public init(checkpoint: String, pruned: String? = nil, family: ArchitectureFamily? = nil) throws {
        let original = try ImportedCheckpoint(contentsOf: checkpoint, family: family)
        try self.init(original: original,
                      pruned: try pruned.map { try ImportedCheckpoint(contentsOf: $0, family: family) })
    }

    /// What the user should know about the import (collapse, a pruned file imported alone,
    /// percentages read as fractions, and the prune's own warnings).
    public var warnings: [String] { checkpointWarnings + (prune?.warnings ?? []) }

    /// The warnings about the checkpoints themselves, logged as `warning` events (the prune's
    /// own go into its event).
    public var checkpointWarnings: [String] {
        var notes = original.warnings + (pruned?.warnings ?? [])
        if isPrunedAlone {
            notes.append("\(original.file) holds a pruned network (it saves a cfg) and is logged as pass 0; for a prune event import its sparsity-trained checkpoint with --pruned \(original.file)")
        }
        for checkpoint in [original] + (pruned.map { [$0] } ?? []) where (checkpoint.metadata.bestPrec1 ?? 0) > 1 {
            notes.append("\(checkpoint.file): best_prec1 \(checkpoint.metadata.bestPrec1!) read as a percentage")
        }
        return notes
    }

    /// Whether the checkpoint imported alone is itself a pruned network: the pruning scripts
    /// save a `cfg`, training from scratch does not.
    public var isPrunedAlone: Bool { pruned == nil && original.metadata.cfg != nil }

    /// The log's events; `created` is the ISO 8601 time of the import, `runID` its id. The
    /// warnings follow the `run` line as `warning` events, so reports show them too.
    public func events(created: String, runID: String) -> [Event] {
        let network = original.network
        var events: [Event] = [.run(header(created: created, runID: runID))]
        events += checkpointWarnings.map { .warning(RunWarning(message: $0)) }
        events += [.architecture(Architecture(pass: 0, layers: network.layers)),
                   .gamma(GammaSnapshot(pass: 0, phase: isPrunedAlone ? Self.phase(of: original) : .sparsity,
                                        epoch: original.metadata.epoch ?? 0, step: 0, layers: network.gammas))]
        if let pruned, let prune {
            events += [.prune(prune),
                       .architecture(Architecture(pass: 1, layers: pruned.network.layers)),
                       .gamma(GammaSnapshot(pass: 1, phase: Self.phase(of: pruned), epoch: pruned.metadata.epoch ?? 0, step: 0,
                                            layers: pruned.network.gammas))]
        }
        events.append(.end(RunEnd(status: .completed, seconds: 0)))
        return events
    }

    /// A pruned checkpoint saved without an epoch comes straight from the pruning script;
    /// with one, it was fine-tuned (`main.py --refine`).
    private static func phase(of pruned: ImportedCheckpoint) -> Phase {
        pruned.metadata.epoch == nil ? .pruned : .finetune
    }

    private func header(created: String, runID: String) -> RunHeader {
        let network = original.network
        var extra: [(key: String, value: JSONValue)] = [
            ("imported_from", .array(([original] + (pruned.map { [$0] } ?? [])).map { .string($0.file) })),
        ]
        // `cfg` is a VGG width list by definition; ResNet and DenseNet cfgs (selected channels
        // and block widths in the reference code's order) go under their own key.
        if network.family != .vgg { extra.append(("reference_cfg", .array(network.cfg.map(Self.cfgValue)))) }
        if let epoch = original.metadata.epoch { extra.append(("checkpoint_epoch", .number(Double(epoch)))) }
        // The report's baseline accuracy when the log has no epoch (docs/run-log.md).
        if let accuracy = original.bestAccuracy { extra.append(("best_prec1", .number(accuracy))) }
        if let pruned {
            extra.append(("pruned_cfg", .array(pruned.network.cfg.map(Self.cfgValue))))
            if let epoch = pruned.metadata.epoch { extra.append(("pruned_epoch", .number(Double(epoch)))) }
            if let accuracy = pruned.bestAccuracy { extra.append(("pruned_best_prec1", .number(accuracy))) }
        }
        let dataset = switch network.classes { case 10: "cifar10"; case 100: "cifar100"; default: "unknown" }
        let config = RunConfig(model: network.model, cfg: network.family == .vgg ? network.cfg : nil, dataset: dataset,
                               pruneRatio: prune?.ratio, passes: prune == nil ? 0 : 1, extra: extra)
        let file = original.file.split(separator: "/").last.map(String.init) ?? original.file
        let name = isPrunedAlone
            ? "\(Self.phase(of: original) == .pruned ? "pruned" : "pruned and fine-tuned") \(network.model): \(file)"
            : file
        return RunHeader(runID: runID, name: name, created: created, engine: Self.engine, config: config,
                         input: network.input, classes: network.classes)
    }

    private static func cfgValue(_ entry: String) -> JSONValue {
        Double(entry).map(JSONValue.number) ?? .string(entry)
    }
}

extension CheckpointImport {
    /// One line per checkpoint (and per prune) saying what was imported, for the terminal.
    public var summary: [String] {
        var lines = [Self.describe(original)]
        if let pruned { lines.append(Self.describe(pruned)) }
        if let prune {
            let guarded = prune.layers.filter { $0.guardApplied != nil }.count
            lines.append("prune: threshold \(Float(prune.threshold)) at index \(prune.thresholdIndex ?? 0) of \(prune.totalChannels ?? 0) pooled |γ| (ratio \(prune.ratio)), "
                         + "\(prune.layers.reduce(0) { $0 + $1.before }) → \(prune.layers.reduce(0) { $0 + $1.after }) channels"
                         + (guarded > 0 ? ", \(guarded) layers kept channels at or under the threshold" : ""))
        }
        return lines
    }

    private static func describe(_ checkpoint: ImportedCheckpoint) -> String {
        let network = checkpoint.network
        let channels = network.gammas.reduce(0) { $0 + $1.values.count }
        var line = "\(checkpoint.file): \(network.model), \(network.layers.count) layers, \(network.gammas.count) BN layers, \(channels) channels, cfg [\(network.cfg.joined(separator: ", "))]"
        if let epoch = checkpoint.metadata.epoch { line += ", epoch \(epoch)" }
        if let accuracy = checkpoint.bestAccuracy { line += ", best_prec1 \(Float(accuracy * 100))%" }
        return line
    }
}
