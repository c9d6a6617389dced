import SlimAnalysis
import SlimCLI

/// `slim-report summary RUN.log [MORE.log …]`: the numbers of one or more runs.
enum SummaryCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report summary",
        abstract: "Print costs, widths, accuracy, pruning patterns and γ statistics of runs, side by side.",
        arguments: "RUN.log [MORE.log …]",
        options: [
            SummaryFormat.option,
            OptionSpec("label", value: "NAME", help: "Name the runs in tables, once per log in order (default: run names).",
                       repeatable: true),
        ],
        discussion: """
            FLOPs = 2 × MACs of conv and linear layers (the Network Slimming paper's convention).
            Logs may be gzip-compressed; '-' reads standard input. Several logs add a comparison.
            Example: slim-report summary a.log b.log --format markdown
            """)

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...Int.max, in: spec, what: "a run log to summarize")
        let format = try SummaryFormat(arguments, in: spec)
        let labels = arguments.strings("label")
        guard labels.isEmpty || labels.count == arguments.positionals.count else {
            throw UsageError(command: spec, message: "give '--label' once per log: \(arguments.positionals.count) logs, \(labels.count) labels")
        }
        var runs: [RunAnalysis] = []
        for path in arguments.positionals {
            let (run, warnings) = try RunAnalysis.read(path: try RunLogPath.resolve(path))
            for warning in warnings { CommandRunner.printError("warning: \(warning)") }
            runs.append(run)
        }
        let names = labels.isEmpty ? nil : labels
        Terminal.print(Summary(runs: runs, labels: names).rendered(as: format), exact: format == .csv || format == .json)
    }
}
