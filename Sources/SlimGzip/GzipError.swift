/// Errors from reading or writing gzip/zlib streams.
public enum GzipError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// The stream is not valid gzip/zlib data.
    case corrupt(path: String, detail: String)
    /// Writing failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, _), let .corrupt(path, _), let .writeFailed(path, _):
            return "\(path): \(problem)"
        }
    }

    /// The message without the path, for callers that name the file themselves.
    public var problem: String {
        switch self {
        case let .cannotOpen(_, reason):
            return "cannot open (\(reason))"
        case let .corrupt(_, detail):
            return "not a valid gzip stream (\(detail)); the file may be truncated or not compressed with gzip"
        case let .writeFailed(_, reason):
            return "cannot write (\(reason))"
        }
    }
}
