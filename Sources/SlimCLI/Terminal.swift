import Foundation
import SlimLog

/// What the tools print. Names in logs and checkpoints are untrusted: an escape sequence in a
/// run name must not clear the screen or retitle the terminal, so control characters are
/// printed as visible escapes (`\u{1b}`); the line breaks of the output itself are kept.
public enum Terminal {
    /// Prints `text` (which ends its own lines) to standard output. `exact` output — CSV or
    /// JSON, data for a file or another program — is written unchanged unless standard output
    /// is a terminal.
    public static func print(_ text: String, exact: Bool = false) {
        let shown = exact && isatty(STDOUT_FILENO) == 0 ? text : text.visibleControlCharacters(keepingLineFeeds: true)
        FileHandle.standardOutput.write(Data(shown.utf8))
    }
}
