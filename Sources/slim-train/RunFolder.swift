import Foundation
import SlimCLI
import SlimEngine
import SlimLog

/// The folder a run writes to, checked before anything is written: a failed start leaves no
/// `run.log` behind, and a folder whose log holds no training yet (empty, or only the lines
/// written before the first epoch — what a kill in the first moments leaves) can be started
/// again or resumed.
enum RunFolder {
    /// Events that come before any training; a log of only these holds nothing to resume.
    private static let headerTypes: Set<String> = ["run", "architecture", "measure"]

    /// Opens `out/run.log` for a fresh run: creates the folder, refuses a file or a log that
    /// holds training, and replaces a log that holds none (saying so).
    static func createLog(in out: String) throws -> LogWriter {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw EngineError.writeFailed(path: out, reason: "it is a file; --out names the folder the run writes to")
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw EngineError.writeFailed(path: out, reason: "cannot create the folder: \(Self.reason(error))")
        }
        let log = out + "/run.log"
        if FileManager.default.fileExists(atPath: log) {
            guard let what = try holdsNoTraining(log) else {
                throw EngineError.writeFailed(path: log, reason: "the run folder already holds a run; choose another --out or resume it with --resume \(out)")
            }
            CommandRunner.printLine("\(log) holds no training (\(what)); starting the run afresh")
            do { try FileManager.default.removeItem(atPath: log) } catch {
                throw EngineError.writeFailed(path: log, reason: "cannot replace it: \(Self.reason(error))")
            }
        }
        return try LogWriter(path: log, mode: .create)
    }

    /// What a log holds when it holds no training: "it is empty" or "only its header"; nil
    /// when it records training (or cannot be read, which `--resume` then reports).
    static func holdsNoTraining(_ log: String) throws -> String? {
        do {
            let events = try LogReader.readAll(path: log).events
            return events.allSatisfy { headerTypes.contains($0.type) } ? "only its header" : nil
        } catch LogError.empty {
            return "it is empty"
        } catch {
            return nil
        }
    }

    /// The short reason of a Foundation file error ("Permission denied", "Read-only file
    /// system"), not its whole description.
    static func reason(_ error: Error) -> String {
        var nsError = error as NSError
        while let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError { nsError = underlying }
        if nsError.domain == NSPOSIXErrorDomain, let text = strerror(Int32(nsError.code)) { return String(cString: text) }
        if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return nsError.localizedDescription
    }
}

extension CocoaError {
    /// The POSIX error behind a Foundation file error, when there is one.
    fileprivate var underlying: Error? { userInfo[NSUnderlyingErrorKey] as? Error }
}
