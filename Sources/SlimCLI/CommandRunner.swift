import Foundation
import SlimLog

/// Runs a command's body and maps the outcome to the exit codes every Slim tool uses:
/// 0 success, 1 failure (message on standard error), 2 usage error.
public enum CommandRunner {
    public static func run(tool: String, _ body: () throws -> Void) -> Never {
        do {
            try body()
            exit(0)
        } catch let error as UsageError {
            printError(error.description)
            exit(2)
        } catch {
            printError("\(tool): error: \(error)")
            exit(1)
        }
    }

    /// Writes a line to standard output at once, unbuffered: progress lines reach a pipe or
    /// a file as they happen, not when the process exits (as `print` would when not on a TTY).
    public static func printLine(_ message: String) {
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }

    /// Writes `message` and a line break to standard error, control characters visible (a
    /// message may quote a name from a log).
    public static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message.visibleControlCharacters(keepingLineFeeds: true) + "\n").utf8))
    }
}
