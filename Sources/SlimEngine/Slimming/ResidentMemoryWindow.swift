import Foundation

/// The peak resident memory of this process over one stretch of work, not over its whole
/// life: Linux lets a process reset its high-water mark (`VmHWM`) by writing 5 to
/// `/proc/self/clear_refs`. Without that, a measurement after training would report the
/// training's peak and a pruned model would seem to need more memory than the original.
enum ResidentMemoryWindow {
    /// Runs `body` and returns the process's peak resident bytes while it ran, or nil where
    /// the kernel offers no resettable high-water mark.
    static func peak(during body: () -> Void) -> Int? {
        guard (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil else {
            body()
            return nil
        }
        body()
        return highWaterMark()
    }

    /// `VmHWM` of /proc/self/status, in bytes.
    private static func highWaterMark() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
