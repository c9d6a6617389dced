import Dispatch
import Foundation
import SlimAnalysis
import SlimCharts
import SlimCLI
import SlimReport
import Synchronization

/// `slim-report watch RUN.log|DIR -o report.html`: a live report of a run in progress.
enum WatchCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report watch",
        abstract: "Keep a report of a running run up to date: re-render as lines arrive, stop at its end or on Ctrl-C.",
        arguments: "RUN.log|DIR",
        options: [
            OptionSpec("output", short: "o", value: "FILE", help: "Where to write the report (.html or .pdf)."),
            OptionSpec("format", value: "FORMAT", help: "html or pdf; must agree with the extension of -o."),
            OptionSpec("interval", value: "SECONDS", help: "Re-render at most this often, \(Int(intervals.lowerBound))…\(Int(intervals.upperBound)) (default 3)."),
            ReportLogs.themeOption,
            WrittenFile.quietOption,
        ],
        discussion: """
            Works on any slim-run/1 log that is written line by line (slim-train, the PyTorch
            recorder). Only complete lines are read; every write is atomic. While the run has no
            'end' line the HTML page reloads itself every interval (a meta refresh: no server, no
            script), so a browser showing the file follows the run.
            Example: slim-report watch runs/a -o live.html
            """)

    static let intervals: ClosedRange<Double> = 1...3600

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...1, in: spec, what: "the run log or run folder to watch")
        let (path, format) = try ReportLogs.output(arguments, in: spec)
        guard format != .markdown else {
            throw UsageError(command: spec, message: "watch writes html or pdf, not markdown (its charts are separate files a browser would not reload)")
        }
        let interval = try arguments.double("interval", in: spec) ?? 3
        guard intervals.contains(interval) else {
            throw UsageError(command: spec, message: "option '--interval' must be in \(Int(intervals.lowerBound))…\(Int(intervals.upperBound)) seconds, got \(arguments.string("interval") ?? "")")
        }
        let theme = try ReportLogs.theme(arguments, in: spec)
        let log = try logPath(arguments.positionals[0])
        let interrupted = Interruption()
        let sources = interrupted.install()
        var seen: (size: Int, modified: Date)?
        var lastRender = Date.distantPast
        var waiting = false
        while true {
            if interrupted.isRequested {
                // A last render without the reload: nobody updates the page any more.
                if let now = state(of: log), now.size > 0 { _ = try render(log, to: path, format: format, theme: theme, refresh: nil, arguments) }
                break
            }
            if let now = state(of: log), now.size > 0, log.hasSuffix(".gz") || endsWithNewline(log, size: now.size) {
                waiting = false
                let changed = seen.map { $0.size != now.size || $0.modified != now.modified } ?? true
                if changed && Date().timeIntervalSince(lastRender) >= interval {
                    seen = now
                    lastRender = Date()
                    if try render(log, to: path, format: format, theme: theme, refresh: Int(interval.rounded(.up)), arguments) { break }
                }
            } else if !waiting {
                waiting = true
                if !arguments.flag("quiet") { print("waiting for \(log)") }
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
        withExtendedLifetime(sources) {}
    }

    /// Writes the report of the log as it is now; while the run has no `end`, an HTML page
    /// reloads itself every `refresh` seconds. Returns whether the run has ended.
    private static func render(_ log: String, to path: String, format: ReportFormat, theme: Theme, refresh: Int?,
                               _ arguments: ParsedArguments) throws -> Bool {
        let (runs, warnings) = try ReportLogs.read([log])
        let ended = runs[0].isComplete
        try ReportOutput.write(RunReport.document(runs[0], warnings: warnings), to: path, format: format, theme: theme,
                               refreshSeconds: ended ? nil : refresh)
        WrittenFile.announce(path, arguments)
        return ended
    }

    /// The log a path names: a file, or `DIR/run.log` for a folder (which the run may not
    /// have created yet).
    static func logPath(_ given: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: given, isDirectory: &isDirectory) else {
            throw PathError(message: "\(given): no such file or folder; give the run's log or the folder slim-train writes (--out DIR)")
        }
        return isDirectory.boolValue ? (given.hasSuffix("/") ? given : given + "/") + "run.log" : given
    }

    private static func state(of path: String) -> (size: Int, modified: Date)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else { return nil }
        return (size, modified)
    }

    /// Whether the last byte written is a newline: a writer's line is complete.
    private static func endsWithNewline(_ path: String, size: Int) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(size - 1))) != nil, let last = try? handle.read(upToCount: 1) else { return false }
        return last == Data([0x0A])
    }
}

/// Ctrl-C (SIGINT) and SIGTERM as a request the watch loop checks; a second one exits at once.
final class Interruption: Sendable {
    private let count = Atomic<Int>(0)

    func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                if count.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
            }
            source.resume()
            return source
        }
    }

    var isRequested: Bool { count.load(ordering: .relaxed) > 0 }
}
