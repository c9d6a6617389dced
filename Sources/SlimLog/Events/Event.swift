/// One line of a `slim-run/1` log. See docs/run-log.md for the field-by-field specification.
public enum Event: Sendable, Equatable {
    case run(RunHeader)
    case architecture(Architecture)
    case epoch(EpochRecord)
    case gamma(GammaSnapshot)
    case prune(PruneRecord)
    case measure(Measurement)
    case resume(ResumeMarker)
    case scalar(ScalarPoint)
    case warning(RunWarning)
    case end(RunEnd)

    /// The value of the line's `"type"` field.
    public var type: String {
        switch self {
        case .run: "run"
        case .architecture: "architecture"
        case .epoch: "epoch"
        case .gamma: "gamma"
        case .prune: "prune"
        case .measure: "measure"
        case .resume: "resume"
        case .scalar: "scalar"
        case .warning: "warning"
        case .end: "end"
        }
    }
}

/// The schema identifier this library writes; readers accept any `slim-run/1.x`.
public enum Schema {
    public static let current = "slim-run/1"
    public static let majorVersion = 1
}

/// The phase of a run an event belongs to.
public struct Phase: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Training without the sparsity penalty (λ = 0) before any prune.
    public static let baseline = Phase(rawValue: "baseline")
    /// Training with the L1 penalty on BN γ.
    public static let sparsity = Phase(rawValue: "sparsity")
    /// Training after a prune.
    public static let finetune = Phase(rawValue: "finetune")
    /// The moment right after a prune, before fine-tuning (used by `measure`).
    public static let pruned = Phase(rawValue: "pruned")
}
