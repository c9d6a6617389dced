import Foundation

/// Where a command finds a run's log: a log file as given, or a run folder (what
/// `slim-train --out DIR` made), which stands for `DIR/run.log`.
public enum RunLogPath {
    /// `path` itself, or `path/run.log` when `path` is a folder holding one.
    public static func resolve(_ path: String) throws(PathError) -> String {
        var isDirectory: ObjCBool = false
        guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return path
        }
        let log = (path.hasSuffix("/") ? path : path + "/") + "run.log"
        guard FileManager.default.fileExists(atPath: log) else {
            throw PathError(message: "\(path): is a folder without a run.log; give a run log or the folder slim-train wrote (--out DIR)")
        }
        return log
    }
}

/// A command-line path that names nothing usable: one line naming it, exit 1.
public struct PathError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
