/// Reads a `slim-run/1` log one event at a time, without loading the whole file.
///
/// ```swift
/// var reader = try LogReader(path: "run.log")
/// while let event = try reader.next() { … }
/// for warning in reader.warnings { print(warning) }
/// ```
/// A file path, `-` for standard input, and gzip-compressed files (`run.log.gz`) are accepted.
/// A line cut short (a crashed run) and unknown event types are warnings; the first
/// event must be `run` with a `slim-run/1` schema.
public struct LogReader {
    /// The path as given (for messages).
    public let path: String
    /// Problems read past so far; complete once `next()` has returned nil.
    public private(set) var warnings: [LogWarning] = []
    /// The number of the line the last event came from (1-based).
    public private(set) var lineNumber = 0

    private var source: ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0
    private var sawRun = false
    private var unknown: [String: (count: Int, firstLine: Int)] = [:]
    private var unknownOrder: [String] = []
    private var finished = false
    private var validator = LogValidator()
    /// The bounds this reader enforces.
    public let limits: LogLimits

    public init(path: String, limits: LogLimits = .default) throws(LogError) {
        self.path = path
        self.limits = limits
        source = try ByteSource(path: path)
    }

    /// Bytes the line buffer holds on to (tests check that limits bound it).
    var bufferCapacity: Int { buffer.capacity }

    /// The next event, or nil at the end of the log.
    public mutating func next() throws(LogError) -> Event? {
        while let (lineRange, complete) = try nextLine() {
            var range = lineRange
            lineNumber += 1
            // A UTF-8 byte-order mark (some Windows editors write one) is not part of the text.
            if lineNumber == 1 && buffer[range].starts(with: [0xEF, 0xBB, 0xBF]) { range = range.lowerBound + 3 ..< range.upperBound }
            let parsed = buffer.withUnsafeBufferPointer { all -> Result<JSONNode, JSONParser.Failure>? in
                let line = UnsafeBufferPointer(rebasing: all[range])
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                return Result { () throws(JSONParser.Failure) in try JSONParser.parse(line) }
            }
            guard let parsed else { continue }
            let node: JSONNode
            switch parsed {
            case let .success(n): node = n
            case let .failure(error):
                // A line cut short is what a crash leaves: at the end, or mid-file once a resumed
                // run appended after it.
                if error.isEndOfInput && sawRun {
                    let what = complete ? "is cut short (the run was interrupted here and resumed)" : "is incomplete (the run was interrupted or is still going)"
                    warnings.append(LogWarning("\(path):\(lineNumber): the line \(what); it was skipped"))
                    continue
                }
                if String(validating: buffer[range], as: UTF8.self) == nil { throw .invalidUTF8(path: path, line: lineNumber) }
                throw .invalidJSON(path: path, line: lineNumber, detail: error.message)
            }
            guard case .object = node, case let .string(type)? = node["type"] else {
                throw .notAnEvent(path: path, line: lineNumber)
            }
            let fields = FieldReader(node: node, path: path, line: lineNumber, event: type)
            if !sawRun {
                guard type == "run" else { throw .missingRunHeader(path: path, line: lineNumber, found: type) }
                let schema = try fields.string("schema")
                guard Self.isSupported(schema: schema) else {
                    throw .unsupportedSchema(path: path, line: lineNumber, schema: schema)
                }
                sawRun = true
            }
            guard let event = try Event.decode(type: type, fields).map({ (e: Event) throws(LogError) -> Event in
                try validator.check(e, path: path, line: lineNumber)
                return e
            }) else {
                if let seen = unknown[type] { unknown[type] = (seen.count + 1, seen.firstLine) } else {
                    unknown[type] = (1, lineNumber); unknownOrder.append(type)
                }
                continue
            }
            return event
        }
        if !finished {
            finished = true
            if !sawRun { throw .empty(path: path) }
            if !unknownOrder.isEmpty {
                let parts = unknownOrder.map { t in "\(unknown[t]!.count) '\(t)' (first on line \(unknown[t]!.firstLine))" }
                warnings.append(LogWarning("\(path): skipped events of unknown type: \(parts.joined(separator: ", ")); they come from a newer writer"))
            }
        }
        return nil
    }

    /// Reads every event of a log into memory (for small logs and tests).
    public static func readAll(path: String) throws(LogError) -> (events: [Event], warnings: [LogWarning]) {
        var reader = try LogReader(path: path)
        var events: [Event] = []
        while let e = try reader.next() { events.append(e) }
        return (events, reader.warnings)
    }

    /// `slim-run/1` and any `slim-run/1.x`.
    static func isSupported(schema: String) -> Bool {
        schema == Schema.current || schema.hasPrefix(Schema.current + ".")
    }

    /// The byte range of the next line in `buffer` (without its newline), and whether a
    /// newline ended it. Scans each byte once, however long the line.
    private mutating func nextLine() throws(LogError) -> (Range<Int>, Bool)? {
        while true {
            let found = buffer.withUnsafeBytes { Self.firstNewline(in: $0, from: scanned) }
            if let nl = found {
                guard nl - start <= limits.maxLineBytes else { throw .lineTooLong(path: path, line: lineNumber + 1, limit: limits.maxLineBytes) }
                let range = start..<nl
                start = nl + 1
                scanned = start
                return (range, true)
            }
            scanned = buffer.count
            guard buffer.count - start <= limits.maxLineBytes else { throw .lineTooLong(path: path, line: lineNumber + 1, limit: limits.maxLineBytes) }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            guard try source.read(appendingTo: &buffer, lineLimit: limits.maxLineBytes, line: lineNumber + 1) else {
                guard !buffer.isEmpty else { return nil }
                let range = 0..<buffer.count
                start = buffer.count
                scanned = start
                return (range, false)
            }
        }
    }

    /// The offset of the first `\n` at or after `start`. Tests eight bytes at a time (a zero
    /// byte in `word ^ 0x0A0A…` marks a newline); γ lines are hundreds of kilobytes long.
    static func firstNewline(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let newlines = ones &* 0x0A
        var i = start
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ newlines
            // Borrows can only mark bytes above a real zero byte, so the lowest mark is exact.
            let zeros = (word &- ones) & ~word & (ones &* 0x80)
            if zeros != 0 { return i + zeros.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] == 0x0A { return i }
            i += 1
        }
        return nil
    }
}
