import SlimCLI
import SlimReport

/// `slim-report compare A.log B.log … -o cmp.pdf|html|md`: runs side by side.
enum CompareCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report compare",
        abstract: "Write a report comparing runs: costs and accuracy side by side, accuracy vs FLOPs/parameters.",
        arguments: "A.log B.log [MORE.log …]",
        options: [ReportLogs.outputOption, ReportLogs.formatOption, ReportLogs.themeOption,
                  OptionSpec("label", value: "NAME", help: "Name the runs, once per log in order (default: run names).", repeatable: true),
                  WrittenFile.quietOption],
        discussion: "Example: slim-report compare l0.log l1e-3.log --label 'λ=0' --label 'λ=1e-3' -o cmp.html")

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(2...Int.max, in: spec, what: "two or more run logs to compare")
        let labels = arguments.strings("label")
        guard labels.isEmpty || labels.count == arguments.positionals.count else {
            throw UsageError(command: spec, message: "give '--label' once per log: \(arguments.positionals.count) logs, \(labels.count) labels")
        }
        let (path, format) = try ReportLogs.output(arguments, in: spec)
        let (runs, warnings) = try ReportLogs.read(arguments.positionals)
        let document = ComparisonReport.document(runs, labels: labels.isEmpty ? nil : labels, warnings: warnings)
        try ReportOutput.write(document, to: path, format: format, theme: try ReportLogs.theme(arguments, in: spec))
        WrittenFile.announce(path, arguments)
    }
}
