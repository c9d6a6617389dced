import SlimAnalysis
import SlimCharts
import SlimCLI
import SlimReport

/// Reading the logs and choosing the output of the report commands.
enum ReportLogs {
    /// Every log analyzed, with reader warnings prefixed by the file and also printed.
    static func read(_ paths: [String]) throws -> (runs: [RunAnalysis], warnings: [String]) {
        var runs: [RunAnalysis] = [], warnings: [String] = []
        for path in paths {
            let (run, logWarnings) = try RunAnalysis.read(path: try RunLogPath.resolve(path))
            for w in logWarnings {
                CommandRunner.printError("warning: \(w)")
                warnings.append("\(w)")
            }
            runs.append(run)
        }
        return (runs, warnings)
    }

    static let outputOption = OptionSpec("output", short: "o", value: "FILE", help: "Where to write the report (.pdf, .html or .md).")
    static let formatOption = OptionSpec("format", value: "FORMAT", help: "pdf, html or md; overrides the extension of -o.")

    static let themeOption = OptionSpec("theme", value: "NAME", help: "light (default), dark or print (black and white, dashed lines, serif).")

    /// The theme named by `--theme` (light when not given).
    static func theme(_ arguments: ParsedArguments, in spec: CommandSpec) throws -> Theme {
        switch arguments.string("theme") ?? "light" {
        case "light": return .light
        case "dark": return .dark
        case "print": return .print
        case let other: throw UsageError(command: spec, message: "option '--theme' expects light, dark or print, got '\(other)'"
                                         + Suggestion.phrase(for: other, in: ["light", "dark", "print"]))
        }
    }

    /// The output path and format from `-o` and `--format`; a format that contradicts the
    /// extension of `-o`, or an unknown one, is a usage error.
    static func output(_ arguments: ParsedArguments, in spec: CommandSpec) throws -> (path: String, format: ReportFormat) {
        guard let path = arguments.string("output") else {
            throw UsageError(command: spec, message: "give the output file with '-o FILE' (.pdf, .html or .md)")
        }
        let byExtension = try? ReportFormat(path: path)
        guard let name = arguments.string("format") else {
            guard let byExtension else {
                throw UsageError(command: spec, message: "cannot tell the format of '\(path)' from its extension; name it .pdf, .html or .md, or add --format pdf|html|md")
            }
            return (path, byExtension)
        }
        guard let format = try? ReportFormat(name: name) else {
            throw UsageError(command: spec, message: "option '--format' expects pdf, html, md or markdown, got '\(name)'"
                             + Suggestion.phrase(for: name, in: ["pdf", "html", "md", "markdown"]))
        }
        if let byExtension, byExtension != format {
            throw UsageError(command: spec, message: "option '--format \(name)' contradicts the extension of '\(path)' (\(byExtension.rawValue)); drop --format or change the file name")
        }
        return (path, format)
    }
}
