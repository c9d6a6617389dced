/// Everything that can go wrong reading or writing a run log. Messages name the file, the
/// line and the field, and say what was expected.
public enum LogError: Error, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case empty(path: String)
    case invalidJSON(path: String, line: Int, detail: String)
    case invalidUTF8(path: String, line: Int)
    case notAnEvent(path: String, line: Int)
    case missingField(path: String, line: Int, event: String, field: String, expected: String)
    case wrongType(path: String, line: Int, event: String, field: String, expected: String)
    case invalidValue(path: String, line: Int, event: String, field: String, detail: String)
    case missingRunHeader(path: String, line: Int, found: String)
    case unsupportedSchema(path: String, line: Int, schema: String)
    case corruptCompression(path: String, detail: String)
    /// An event that does not fit where it stands (a second `run`, a pass out of order …).
    case outOfOrder(path: String, line: Int, event: String, detail: String)
    /// A line longer than `LogLimits.maxLineBytes`.
    case lineTooLong(path: String, line: Int, limit: Int)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open (\(reason)); check the path"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason))"
        case let .empty(path):
            return "\(path): the file is empty; a slim-run/1 log starts with a 'run' line"
        case let .invalidJSON(path, line, detail):
            return "\(path):\(line): not valid JSON (\(detail)); each line must be one JSON object"
        case let .invalidUTF8(path, line):
            return "\(path):\(line): not valid UTF-8 text; is this a run log?"
        case let .notAnEvent(path, line):
            return "\(path):\(line): expected a JSON object with a string field 'type'"
        case let .missingField(path, line, event, field, expected):
            return "\(path):\(line): \(event) event: missing field '\(field)' (expected \(expected))"
        case let .wrongType(path, line, event, field, expected):
            return "\(path):\(line): \(event) event: field '\(field)' must be \(expected)"
        case let .invalidValue(path, line, event, field, detail):
            return "\(path):\(line): \(event) event: field '\(field)' \(detail)"
        case let .missingRunHeader(path, line, found):
            return "\(path):\(line): the first event must be 'run', found '\(found)'; is this a slim-run/1 log?"
        case let .unsupportedSchema(path, line, schema):
            return "\(path):\(line): schema '\(schema)' is not supported; this version of Slim reads slim-run/1 (upgrade Slim to read newer logs)"
        case let .corruptCompression(path, detail):
            return "\(path): \(detail)"
        case let .outOfOrder(path, line, event, detail):
            return "\(path):\(line): \(event) event: \(detail)"
        case let .lineTooLong(path, line, limit):
            let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            return "\(path): line \(line) is longer than \(size); a run log's lines are far shorter (is this a run log?)"
        }
    }
}

/// Something a reader noticed but could read past.
public struct LogWarning: Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
