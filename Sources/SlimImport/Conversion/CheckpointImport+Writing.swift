import Foundation
import SlimLog

extension CheckpointImport {
    /// Writes the log to `path` atomically: into a temporary file next to it, renamed into
    /// place only when complete, so a failure never leaves a half-written log. An existing
    /// `path` is never overwritten.
    public func write(to path: String, created: String, runID: String) throws(LogError) {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: path) else {
            throw .writeFailed(path: path, reason: "the file exists; choose another output")
        }
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            let writer = try LogWriter(path: temporary, mode: .create)
            for event in events(created: created, runID: runID) { try writer.append(event) }
            try writer.sync()
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            // The temporary file is an implementation detail: name the file the user asked for.
            guard case let .writeFailed(_, reason) = error else { throw error }
            throw .writeFailed(path: path, reason: reason)
        }
        do {
            try fileManager.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? fileManager.removeItem(atPath: temporary)
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
