import SlimAnalysis
import SlimCLI

extension SummaryFormat {
    /// The `--format` option of `summary` and `whatif`.
    static let option = OptionSpec("format", value: "FORMAT",
                                   help: "text (default), markdown (or md), json or csv; field names: docs/analysis.md.")

    /// The format asked for with `--format`, text by default; `md` is short for `markdown`.
    init(_ arguments: ParsedArguments, in command: CommandSpec) throws(UsageError) {
        guard let text = arguments.string("format") else { self = .text; return }
        guard let format = SummaryFormat(rawValue: text.lowercased() == "md" ? "markdown" : text.lowercased()) else {
            let all = SummaryFormat.allCases.map(\.rawValue)
            throw UsageError(command: command, message: "option '--format' expects one of \(all.joined(separator: ", ")), got '\(text)'"
                             + Suggestion.phrase(for: text, in: all + ["md"]))
        }
        self = format
    }
}
