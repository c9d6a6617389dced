/// One option of a command: `--name value`, `--name=value`, or a flag `--name`; optionally a
/// one-letter alias (`-o`).
public struct OptionSpec: Sendable {
    public var name: String
    public var short: Character?
    /// The placeholder shown in help, e.g. `FILE`; nil for a flag.
    public var valueName: String?
    public var help: String
    /// Whether the option may be given more than once (values are collected in order).
    public var repeatable: Bool

    public init(_ name: String, short: Character? = nil, value valueName: String? = nil, help: String,
                repeatable: Bool = false) {
        self.name = name; self.short = short; self.valueName = valueName; self.help = help
        self.repeatable = repeatable
    }

    var takesValue: Bool { valueName != nil }
}

/// A command's interface: what it is called, what it takes, and how to describe it.
public struct CommandSpec: Sendable {
    /// The full command name, e.g. `slim-report check`.
    public var name: String
    public var abstract: String
    /// Positional arguments in the usage line, e.g. `RUN.log [MORE.log …]`.
    public var arguments: String
    public var options: [OptionSpec]
    /// Extra text after the options (examples, notes).
    public var discussion: String

    public init(name: String, abstract: String, arguments: String = "", options: [OptionSpec] = [],
                discussion: String = "") {
        self.name = name; self.abstract = abstract; self.arguments = arguments; self.options = options
        self.discussion = discussion
    }

    public var usage: String {
        var parts = [name]
        if !options.isEmpty { parts.append("[options]") }
        if !arguments.isEmpty { parts.append(arguments) }
        return "usage: " + parts.joined(separator: " ")
    }

    /// The text printed by `--help`.
    public var help: String {
        var lines = [abstract, "", usage]
        let all = options + [OptionSpec("help", short: "h", help: "Show this help.")]
        lines += ["", "options:"]
        let labels = all.map { o -> String in
            var label = o.short.map { "-\($0), " } ?? "    "
            label += "--\(o.name)"
            if let v = o.valueName { label += " \(v)" }
            return label
        }
        let width = min(32, labels.map(\.count).max() ?? 0)
        for (label, o) in zip(labels, all) {
            let pad = String(repeating: " ", count: max(1, width - label.count + 2))
            lines.append("  " + label + pad + o.help)
        }
        if !discussion.isEmpty { lines += ["", discussion] }
        return lines.joined(separator: "\n")
    }

    /// Parses `arguments` (without the command name). `--` ends the options.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var k = 0
        var onlyPositionals = false
        while k < arguments.count {
            let arg = arguments[k]
            k += 1
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                parsed.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            if arg == "--help" || arg == "-h" { parsed.wantsHelp = true; continue }
            let spec: OptionSpec
            var inlineValue: String?
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                let name: Substring
                if let eq = body.firstIndex(of: "=") {
                    name = body[..<eq]
                    inlineValue = String(body[body.index(after: eq)...])
                } else {
                    name = body
                }
                guard let found = options.first(where: { $0.name == name }) else {
                    throw UsageError(command: self, message: "unknown option '--\(name)'" + suggestion(for: String(name)))
                }
                spec = found
            } else {
                let letters = Array(arg.dropFirst())
                guard letters.count >= 1, let found = options.first(where: { $0.short == letters[0] }) else {
                    throw UsageError(command: self, message: "unknown option '\(arg)'")
                }
                spec = found
                if letters.count > 1 { inlineValue = String(letters.dropFirst()) }
            }
            if spec.takesValue {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard k < arguments.count else {
                        throw UsageError(command: self, message: "option '--\(spec.name)' needs a value (\(spec.valueName!))")
                    }
                    value = arguments[k]
                    k += 1
                }
                if !spec.repeatable && parsed.values[spec.name] != nil {
                    throw UsageError(command: self, message: "option '--\(spec.name)' is given twice")
                }
                parsed.values[spec.name, default: []].append(value)
            } else {
                guard inlineValue == nil else {
                    throw UsageError(command: self, message: "option '--\(spec.name)' takes no value")
                }
                parsed.flags.insert(spec.name)
            }
        }
        return parsed
    }

    private func suggestion(for name: String) -> String {
        let names = options.map(\.name) + ["help"]
        let close = Suggestion.phrase(for: name, in: names, prefix: "--")
        if !close.isEmpty { return close }
        // A prefix of a longer option (`--fine` for `--finetune-epochs`).
        let started = names.filter { name.count >= 3 && $0.hasPrefix(name) }
        return started.isEmpty ? "" : "; did you mean " + started.map { "'--\($0)'" }.joined(separator: " or ") + "?"
    }
}
