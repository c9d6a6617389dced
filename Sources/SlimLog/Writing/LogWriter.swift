import Foundation

/// Appends events to a run log, one JSON line each. Every line is written whole and flushed
/// to the operating system at once, so a crashed process leaves a readable prefix; `sync()`
/// also forces it to disk (call it at phase ends).
public final class LogWriter {
    public enum Mode: Sendable {
        /// A new log; fails when the file exists.
        case create
        /// Continue an existing log (e.g. `slim-train --resume`); a partial last line left by
        /// a crash is closed with a newline first, so readers skip just that line.
        case append
    }

    public let path: String
    private let handle: FileHandle

    public init(path: String, mode: Mode) throws(LogError) {
        self.path = path
        let fm = FileManager.default
        switch mode {
        case .create:
            guard !fm.fileExists(atPath: path) else {
                throw .writeFailed(path: path, reason: "the file exists; choose another output or resume the run")
            }
            guard fm.createFile(atPath: path, contents: nil) else {
                throw .writeFailed(path: path, reason: "cannot create the file; check that the directory exists and is writable")
            }
        case .append:
            guard fm.fileExists(atPath: path) else { throw .writeFailed(path: path, reason: "no log to append to") }
        }
        guard let h = FileHandle(forUpdatingAtPath: path) else {
            throw .writeFailed(path: path, reason: "permission denied")
        }
        handle = h
        do {
            let end = try handle.seekToEnd()
            if mode == .append && end > 0 {
                try handle.seek(toOffset: end - 1)
                let last = try handle.read(upToCount: 1)
                try handle.seekToEnd()
                if last != Data([0x0A]) { try handle.write(contentsOf: Data([0x0A])) }
            }
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    deinit { try? handle.close() }

    /// Writes `event` as one line.
    public func append(_ event: Event) throws(LogError) {
        var line = event.jsonLine
        line.append(0x0A)
        do { try handle.write(contentsOf: Data(line)) } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Forces everything written so far to disk.
    public func sync() throws(LogError) {
        do { try handle.synchronize() } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
