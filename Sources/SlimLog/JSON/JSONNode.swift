/// A parsed JSON value as the reader sees it. Arrays made only of numbers are kept as
/// `[Double]` (γ vectors are most of a log), everything else as nodes.
enum JSONNode {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case numbers([Double])
    case array([JSONNode])
    case object([(key: String, value: JSONNode)])

    subscript(key: String) -> JSONNode? {
        guard case let .object(members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The value as a number: JSON numbers, and the strings "NaN", "Infinity", "-Infinity".
    var double: Double? {
        switch self {
        case let .number(d): return d
        case let .string(s):
            switch s {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: return nil
            }
        default: return nil
        }
    }

    var doubles: [Double]? {
        switch self {
        case let .numbers(values): return values
        case let .array(items):
            var values: [Double] = []
            values.reserveCapacity(items.count)
            for item in items { guard let d = item.double else { return nil }; values.append(d) }
            return values
        default: return nil
        }
    }

    /// Converts to the public, order-keeping value type.
    var value: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .number(d): return .number(d)
        case let .string(s): return .string(s)
        case let .numbers(values): return .array(values.map { .number($0) })
        case let .array(items): return .array(items.map(\.value))
        case let .object(members): return .object(members.map { ($0.key, $0.value.value) })
        }
    }
}
