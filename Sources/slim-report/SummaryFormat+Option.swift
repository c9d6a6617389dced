import SlimAnalysis
import SlimCLI

extension SummaryFormat {
    /// The `--format` option of `summary` and `whatif`.
    static let option = OptionSpec("format", value: "FORMAT",
                                   help: "text (default), markdown, json or csv; field names: docs/analysis.md.")

    /// The format asked for with `--format`, text by default.
    init(_ arguments: ParsedArguments, in command: CommandSpec) throws(UsageError) {
        guard let text = arguments.string("format") else { self = .text; return }
        guard let format = SummaryFormat(rawValue: text) else {
            let all = SummaryFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError(command: command, message: "option '--format' expects one of \(all), got '\(text)'")
        }
        self = format
    }
}
