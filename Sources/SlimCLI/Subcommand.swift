import Foundation

/// One subcommand of a tool (`slim-report check`, `slim-train plan`): its interface and what
/// it does with parsed arguments. Tools list their subcommands and dispatch with `ToolMain`.
public protocol Subcommand {
    static var spec: CommandSpec { get }
    static func run(_ arguments: ParsedArguments) throws
}

/// Dispatches `tool SUBCOMMAND args…`, handles `--help` and `--version`, and maps errors to
/// exit codes (see `CommandRunner`).
public struct ToolMain {
    public var name: String
    public var version: String
    public var abstract: String
    public var subcommands: [any Subcommand.Type]
    /// Used when the first argument is not a subcommand name (e.g. `slim-report RUN.log -o report.pdf`).
    public var defaultSubcommand: (any Subcommand.Type)?

    public init(name: String, version: String, abstract: String, subcommands: [any Subcommand.Type],
                defaultSubcommand: (any Subcommand.Type)? = nil) {
        self.name = name; self.version = version; self.abstract = abstract; self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
    }

    public var help: String {
        let names = subcommands.map { $0.spec.name.split(separator: " ").last.map(String.init) ?? $0.spec.name }
        let width = names.map(\.count).max() ?? 0
        var lines = [abstract, "", "usage: \(name) SUBCOMMAND [options] …", "", "subcommands:"]
        for (n, s) in zip(names, subcommands) {
            lines.append("  " + n + String(repeating: " ", count: width - n.count + 2) + s.spec.abstract)
        }
        lines += ["", "See '\(name) SUBCOMMAND --help' for each. '\(name) --version' prints the version."]
        return lines.joined(separator: "\n")
    }

    /// Whether an argument that names no subcommand is input for the default one (an option,
    /// a path, a file name) rather than a mistyped subcommand.
    static func looksLikeInput(_ argument: String) -> Bool {
        argument.hasPrefix("-") || argument.contains(".") || argument.contains("/")
            || FileManager.default.fileExists(atPath: argument)
    }

    public func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        CommandRunner.run(tool: name) {
            guard let first = arguments.first else {
                print(help)
                return
            }
            if first == "--help" || first == "-h" || first == "help" { print(help); return }
            if first == "--version" { print("\(name) \(version)"); return }
            let command: any Subcommand.Type
            var rest = arguments
            if let match = subcommands.first(where: { $0.spec.name == "\(name) \(first)" }) {
                command = match
                rest.removeFirst()
            } else if let fallback = defaultSubcommand, Self.looksLikeInput(first) {
                command = fallback
            } else {
                let top = CommandSpec(name: name, abstract: abstract, arguments: "SUBCOMMAND …")
                let names = subcommands.map { String($0.spec.name.split(separator: " ").last ?? "") }
                let close = Suggestion.phrase(for: first, in: names)
                throw UsageError(command: top, message: "unknown subcommand '\(first)'" +
                    (close.isEmpty ? "; one of: " + names.joined(separator: ", ") : close))
            }
            let parsed = try command.spec.parse(rest)
            if parsed.wantsHelp { print(command.spec.help); return }
            try command.run(parsed)
        }
    }
}
