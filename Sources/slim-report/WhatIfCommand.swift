import SlimAnalysis
import SlimCLI

/// `slim-report whatif RUN.log`: the global threshold applied to a γ snapshot at several ratios.
enum WhatIfCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report whatif",
        abstract: "Sweep prune ratios over a γ snapshot without retraining: threshold, widths, params, FLOPs, collapse.",
        arguments: "RUN.log",
        options: [
            OptionSpec("ratios", value: "LIST", help: "Comma-separated ratios in [0, 1) (default 0,0.05,…,0.95)."),
            OptionSpec("round-to", value: "K", help: "Round every layer's kept width up to a multiple of K (the channels with the next-largest |γ| come back; never above the layer's width)."),
            OptionSpec("pass", value: "K", help: "Sweep the last γ snapshot of pass K (default: the snapshot the first prune used)."),
            OptionSpec("epoch", value: "E", help: "Sweep the snapshot at the end of epoch E (of pass K, or of the first pass)."),
            SummaryFormat.option,
        ],
        discussion: """
            FLOPs = 2 × MACs of conv and linear layers. The collapse guard is not applied, so the
            sweep shows where a layer would lose every channel. Every format names the snapshot swept.
            Example: slim-report whatif run.log --ratios 0.1,0.3,0.5,0.7
            """)

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...1, in: spec, what: "the run log to sweep")
        let format = try SummaryFormat(arguments, in: spec)
        let ratios = try arguments.doubles("ratios", in: spec) ?? WhatIfSweep.defaultRatios
        if let bad = ratios.first(where: { !($0 >= 0 && $0 < 1) }) {
            throw UsageError(command: spec, message: "option '--ratios' expects ratios in [0, 1), got \(bad)")
        }
        guard !ratios.isEmpty else { throw UsageError(command: spec, message: "option '--ratios' lists no ratio") }
        let pass = try arguments.int("pass", in: spec)
        let epoch = try arguments.int("epoch", in: spec)
        let (run, warnings) = try RunAnalysis.read(path: try RunLogPath.resolve(arguments.positionals[0]))
        for warning in warnings { CommandRunner.printError("warning: \(warning)") }
        let roundTo = try arguments.int("round-to", in: spec) ?? 1
        guard roundTo >= 1 else { throw UsageError(command: spec, message: "option '--round-to' expects a multiple of 1 or more, got \(roundTo)") }
        let sweep = try run.whatIf(ratios: ratios, pass: pass, epoch: epoch, roundTo: roundTo)
        Terminal.print(sweep.rendered(as: format, label: run.name), exact: format == .csv || format == .json)
    }
}
