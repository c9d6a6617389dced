import Foundation

/// Progress of a long task. On a terminal it redraws one line (a bar, counts, rate, ETA); when
/// output goes to a file or pipe it prints a plain line every `plainInterval` seconds instead.
public struct ProgressLine {
    public let label: String
    public let total: Int
    private let isTerminal: Bool
    private let plainInterval: Double
    private let started = Date()
    private var lastPrint = Date.distantPast

    public init(label: String, total: Int, isTerminal: Bool = isatty(STDERR_FILENO) != 0, plainInterval: Double = 10) {
        self.label = label; self.total = max(1, total); self.isTerminal = isTerminal; self.plainInterval = plainInterval
    }

    /// Reports `done` units of `total`, with extra text such as `loss 0.31 acc 91.2%`. The ETA
    /// is `remainingSeconds` when given (e.g. the whole run's), else this line's own; either
    /// shows `…` until there is a second of history to go on.
    public mutating func update(_ done: Int, unit: String = "img", unitsPerStep: Int = 1, detail: String = "",
                                remainingSeconds: Double? = nil) {
        let now = Date()
        let interval = isTerminal ? 0.1 : plainInterval
        guard now.timeIntervalSince(lastPrint) >= interval || done >= total else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done * unitsPerStep) / elapsed : 0
        // A rate or an ETA over the first second says nothing yet.
        let own = elapsed >= 1 && done > 0 ? elapsed * Double(total - done) / Double(done) : nil
        let eta = remainingSeconds.map { "ETA \(Self.duration($0)) (run)" } ?? own.map { "ETA \(Self.duration($0))" } ?? "ETA …"
        let speed = elapsed >= 1 ? " \(Int(rate)) \(unit)/s" : ""
        let text = "\(label) \(done)/\(total) \(detail)\(speed) \(eta)"
        if isTerminal {
            let filled = Int(20 * Double(done) / Double(total))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: 20 - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[K\(bar) \(text)".utf8))
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    /// Ends the line on a terminal.
    public func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : "\(s / 60):\(String(format: "%02d", s % 60))"
    }
}
