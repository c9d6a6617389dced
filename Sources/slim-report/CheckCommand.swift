import SlimAnalysis
import SlimCLI
import SlimLog

/// `slim-report check RUN.log`: validates a log and prints a one-screen digest.
enum CheckCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report check", abstract: "Validate a run log and print a digest of what it holds.",
        arguments: "RUN.log",
        discussion: "RUN.log may be gzip-compressed; '-' reads standard input. Exits 1 when the log is invalid.")

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...1, in: spec, what: "the run log to check")
        let path = try RunLogPath.resolve(arguments.positionals[0])
        // The reader validates every event; the analysis every command builds (costs of every
        // architecture, resumed epochs counted once) must succeed too, so check runs it.
        var reader = try LogReader(path: path)
        var accumulator = RunAccumulator(source: path)
        var counts: [String: Int] = [:]
        var order: [String] = []
        while let event = try reader.next() {
            if counts[event.type] == nil { order.append(event.type) }
            counts[event.type, default: 0] += 1
            accumulator.add(event, line: reader.lineNumber)
        }
        let run = try accumulator.finish()
        guard let header = run.header else { return }
        let passes = run.prunes.last?.pass ?? 0, epochs = run.epochs.count, lastEpoch = run.epochs.last
        let end = run.end, resumes = run.resumes, logged = run.warnings.map(\.message)
        let trained = !run.epochs.isEmpty || !run.gammas.isEmpty || !run.prunes.isEmpty
        var table = TextTable(header: ["", ""], alignments: [.left, .left])
        table.append(["run", "\(header.name)  (\(header.runID))"])
        table.append(["created", "\(header.created) by \(header.engine.name) \(header.engine.version)"])
        table.append(["model", header.config.model + (header.config.cfg.map { "  cfg " + $0.joined(separator: ",") } ?? "")])
        table.append(["dataset", "\(header.config.dataset)  input \(header.input.channels)×\(header.input.height)×\(header.input.width), \(header.classes) classes"])
        if let l = header.config.lambda { table.append(["λ", "\(l)"]) }
        if let r = header.config.pruneRatio { table.append(["prune ratio", "\(r) per pass"]) }
        table.append(["passes pruned", "\(passes)" + (header.config.passes.map { " of \($0) planned" } ?? "")])
        table.append(["epochs", "\(epochs)" + (lastEpoch?.testAccuracy.map { String(format: "  last test accuracy %.2f %%", $0 * 100) } ?? "")])
        table.append(["γ snapshots", "\(counts["gamma", default: 0])"])
        table.append(["events", order.map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")])
        if resumes > 0 { table.append(["resumed", "\(resumes) time(s)"]) }
        // What the writer warned about (e.g. an imported network that has collapsed).
        for message in logged { table.append(["warning", message]) }
        let status = RunEnd.statusWord(end, trained: trained)
        if let end {
            table.append(["status", status + String(format: " after %.1f s", end.seconds) + (end.error.map { ": \($0)" } ?? "")])
        } else if !trained {
            table.append(["status", "\(status): run and architecture only, nothing trained (slim-train plan)"])
        } else {
            table.append(["status", "\(status): no 'end' event (the run crashed, was killed or is still going)"])
        }
        let lines = table.rendered.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
        Terminal.print("\(path): valid slim-run/1 log\n" + lines.joined(separator: "\n") + "\n")
        for warning in reader.warnings { CommandRunner.printError("warning: \(warning)") }
    }
}
