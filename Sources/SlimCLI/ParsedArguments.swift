import Foundation

/// What the user gave on the command line, with typed access that turns bad values into
/// usage errors naming the option.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    /// `--help` or `-h` was given.
    public var wantsHelp = false

    public init() {}

    public func flag(_ name: String) -> Bool { flags.contains(name) }
    public func string(_ name: String) -> String? { values[name]?.last }
    public func strings(_ name: String) -> [String] { values[name] ?? [] }

    public func int(_ name: String, in command: CommandSpec) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let v = Int(text) else {
            throw UsageError(command: command, message: "option '--\(name)' expects a whole number, got '\(text)'")
        }
        return v
    }

    public func double(_ name: String, in command: CommandSpec) throws(UsageError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let v = Double(text), v.isFinite else {
            throw UsageError(command: command, message: "option '--\(name)' expects a number, got '\(text)'")
        }
        return v
    }

    /// A comma-separated list of numbers, e.g. `--ratios 0.1,0.3,0.5`.
    public func doubles(_ name: String, in command: CommandSpec) throws(UsageError) -> [Double]? {
        guard let text = string(name) else { return nil }
        var result: [Double] = []
        for part in text.split(separator: ",") {
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw UsageError(command: command, message: "option '--\(name)' expects numbers separated by commas, got '\(text)'")
            }
            result.append(v)
        }
        return result
    }

    /// Refuses a positional count outside `range`.
    public func requirePositionals(_ range: ClosedRange<Int>, in command: CommandSpec, what: String) throws(UsageError) {
        guard range.contains(positionals.count) else {
            let message = positionals.count < range.lowerBound ? "missing \(what)" :
                "unexpected argument '\(positionals[range.upperBound])'"
            throw UsageError(command: command, message: message)
        }
    }
}

/// A mistake in how a command was called: exit code 2, with the usage line.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var command: CommandSpec
    public var message: String

    public init(command: CommandSpec, message: String) { self.command = command; self.message = message }

    public var description: String {
        "\(command.name): error: \(message)\n\(command.usage)\nSee '\(command.name) --help'."
    }
}
