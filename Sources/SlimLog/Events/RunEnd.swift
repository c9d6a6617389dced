/// The last line of a finished run. Its absence means the run crashed or is still going.
public struct RunEnd: Sendable, Equatable {
    public var status: Status
    /// Wall-clock seconds since the run started (all segments).
    public var seconds: Double
    /// The error that ended a `failed` run.
    public var error: String?
    public init(status: Status, seconds: Double, error: String? = nil) {
        self.status = status; self.seconds = seconds; self.error = error
    }

    public enum Status: String, Sendable, Equatable {
        case completed, stopped, failed
    }
}

extension RunEnd {
    /// The one word `check`, `summary` and the report use for how a run ended: the status of
    /// its last `end` (`completed`, `stopped`, `failed`); without an `end` after its last
    /// `resume`, `plan` for a log that holds no training at all (no epoch, γ or prune: what
    /// `slim-train plan` writes), else `incomplete` (crashed, killed or still going).
    public static func statusWord(_ end: RunEnd?, trained: Bool) -> String {
        end?.status.rawValue ?? (trained ? "incomplete" : "plan")
    }
}
