import SlimCLI
import SlimReport

/// `slim-report RUN.log -o report.pdf|html|md`: the full report of one run.
enum ReportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report report",
        abstract: "Write the full report of one run as PDF, self-contained HTML or Markdown with SVG charts.",
        arguments: "RUN.log",
        options: [ReportLogs.outputOption, ReportLogs.formatOption, ReportLogs.themeOption, WrittenFile.quietOption],
        discussion: """
            'report' is the default subcommand: 'slim-report run.log -o report.pdf' is the same.
            A partial log (still running or crashed) gives a report of what it has, with a note.
            Markdown writes its charts as SVG files into REPORT-charts/ beside the .md file.
            Example: slim-report run.log -o report.html
            """)

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...1, in: spec, what: "the run log to report on")
        let (path, format) = try ReportLogs.output(arguments, in: spec)
        let (runs, warnings) = try ReportLogs.read(arguments.positionals)
        try ReportOutput.write(RunReport.document(runs[0], warnings: warnings), to: path, format: format,
                               theme: try ReportLogs.theme(arguments, in: spec))
        WrittenFile.announce(path, arguments)
    }
}
