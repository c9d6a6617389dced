/// The bounds a reader puts on a log so that memory stays bounded and every command can
/// process what it accepts (docs/run-log.md, "Limits").
public struct LogLimits: Sendable, Equatable {
    /// The longest line read, in bytes after decompression. A γ line of a 100,000-channel
    /// network is about 2 MB; 64 MiB leaves room for 30× that while bounding what a line
    /// without newlines (a gzip of zeros) can cost.
    public var maxLineBytes: Int

    /// Widths, shape sizes, kernel sizes, groups and batch sizes are below this (2^31).
    public static let dimensionBound = 1 << 31

    public init(maxLineBytes: Int = 64 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    public static let `default` = LogLimits()

    /// `d` as a width: an integer in 1 ..< 2^31, else nil.
    static func width(_ d: Double) -> Int? {
        guard d >= 1, d < Double(dimensionBound), let w = Int(exactly: d) else { return nil }
        return w
    }
}
