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
        case let .cannotOpen(path, reason):
            return "\(path): cannot open (\(reason))"
        case let .corrupt(path, detail):
            return "\(path): not a valid gzip stream (\(detail)); the file may be truncated or not compressed with gzip"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason))"
        }
    }
}
