/// Reads typed fields out of one event's JSON object, turning every mismatch into a
/// `LogError` that names the file, line, event type and field.
struct FieldReader {
    let node: JSONNode
    let path: String
    let line: Int
    let event: String

    func child(_ node: JSONNode, _ prefix: String) -> FieldReader {
        FieldReader(node: node, path: path, line: line, event: event, prefix: prefix)
    }

    private var prefix = ""

    init(node: JSONNode, path: String, line: Int, event: String, prefix: String = "") {
        self.node = node; self.path = path; self.line = line; self.event = event; self.prefix = prefix
    }

    private func name(_ field: String) -> String { prefix.isEmpty ? field : "\(prefix).\(field)" }

    private func present(_ field: String) -> JSONNode? {
        guard let v = node[field] else { return nil }
        if case .null = v { return nil }
        return v
    }

    private func missing(_ field: String, _ expected: String) -> LogError {
        .missingField(path: path, line: line, event: event, field: name(field), expected: expected)
    }

    func wrong(_ field: String, _ expected: String) -> LogError {
        .wrongType(path: path, line: line, event: event, field: name(field), expected: expected)
    }

    func invalid(_ field: String, _ detail: String) -> LogError {
        .invalidValue(path: path, line: line, event: event, field: name(field), detail: detail)
    }

    func string(_ field: String) throws(LogError) -> String {
        guard let v = try optionalString(field) else { throw missing(field, "a string") }
        return v
    }

    func optionalString(_ field: String) throws(LogError) -> String? {
        guard let v = present(field) else { return nil }
        guard case let .string(s) = v else { throw wrong(field, "a string") }
        return s
    }

    func double(_ field: String) throws(LogError) -> Double {
        guard let v = try optionalDouble(field) else { throw missing(field, "a number") }
        return v
    }

    func optionalDouble(_ field: String) throws(LogError) -> Double? {
        guard let v = present(field) else { return nil }
        guard let d = v.double else { throw wrong(field, "a number (or \"NaN\", \"Infinity\", \"-Infinity\")") }
        return d
    }

    func int(_ field: String) throws(LogError) -> Int {
        guard let v = try optionalInt(field) else { throw missing(field, "an integer") }
        return v
    }

    func optionalInt(_ field: String) throws(LogError) -> Int? {
        guard let v = present(field) else { return nil }
        guard case let .number(d) = v, d.rounded() == d else { throw wrong(field, "an integer") }
        guard let i = Self.integer(d) else { throw invalid(field, Self.beyond(d)) }
        return i
    }

    /// Integers are exact in a double only below 2^53; 9007199254740993 already reads as 2^53.
    static func integer(_ d: Double) -> Int? {
        guard d.magnitude < 9_007_199_254_740_992 else { return nil }
        return Int(exactly: d)
    }

    static func beyond(_ d: Double) -> String {
        "holds \(Int64(exactly: d).map(String.init) ?? "\(d)"); integers must be below 2^53 (9007199254740992) in magnitude, where a double still holds them exactly"
    }

    func optionalBool(_ field: String) throws(LogError) -> Bool? {
        guard let v = present(field) else { return nil }
        guard case let .bool(b) = v else { throw wrong(field, "true or false") }
        return b
    }

    func ints(_ field: String) throws(LogError) -> [Int] {
        guard let v = try optionalInts(field) else { throw missing(field, "an array of integers") }
        return v
    }

    func optionalInts(_ field: String) throws(LogError) -> [Int]? {
        guard let v = present(field) else { return nil }
        guard let ds = v.doubles else { throw wrong(field, "an array of integers") }
        var result: [Int] = []
        result.reserveCapacity(ds.count)
        for d in ds {
            guard d.rounded() == d else { throw wrong(field, "an array of integers") }
            guard let i = Self.integer(d) else { throw invalid(field, Self.beyond(d)) }
            result.append(i)
        }
        return result
    }

    func optionalDoubles(_ field: String) throws(LogError) -> [Double]? {
        guard let v = present(field) else { return nil }
        guard let ds = v.doubles else { throw wrong(field, "an array of numbers") }
        return ds
    }

    func optionalStrings(_ field: String) throws(LogError) -> [String]? {
        guard let v = present(field) else { return nil }
        guard case let .array(items) = v else {
            if case let .numbers(n) = v, n.isEmpty { return [] }
            throw wrong(field, "an array of strings")
        }
        var result: [String] = []
        for item in items { guard case let .string(s) = item else { throw wrong(field, "an array of strings") }; result.append(s) }
        return result
    }

    /// An array of objects, each read by `body`.
    func objects<T>(_ field: String, _ body: (FieldReader) throws(LogError) -> T) throws(LogError) -> [T] {
        guard let v = present(field) else { throw missing(field, "an array of objects") }
        let items: [JSONNode]
        switch v {
        case let .array(a): items = a
        case let .numbers(n) where n.isEmpty: items = []
        default: throw wrong(field, "an array of objects")
        }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            guard case .object = item else { throw wrong("\(field)[\(k)]", "an object") }
            result.append(try body(child(item, name("\(field)[\(k)]"))))
        }
        return result
    }

    /// `objects(_:_:)` of a field that may be absent (or `null`).
    func optionalObjects<T>(_ field: String, _ body: (FieldReader) throws(LogError) -> T) throws(LogError) -> [T]? {
        guard present(field) != nil else { return nil }
        return try objects(field, body)
    }

    func object(_ field: String) throws(LogError) -> FieldReader {
        guard let v = present(field) else { throw missing(field, "an object") }
        guard case .object = v else { throw wrong(field, "an object") }
        return child(v, name(field))
    }

    func optionalMembers(_ field: String) throws(LogError) -> [(key: String, value: JSONNode)]? {
        guard let v = present(field) else { return nil }
        guard case let .object(members) = v else { throw wrong(field, "an object") }
        return members
    }
}
