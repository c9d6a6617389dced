import SlimLog

extension JSONValue {
    /// Compact JSON text. Integral numbers print without a fraction; non-finite numbers as
    /// the strings "NaN", "Infinity", "-Infinity" (the run-log convention).
    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(x): out += Self.number(x)
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                Self.quote(member.key, into: &out)
                out += ":"
                member.value.render(into: &out)
            }
            out += "}"
        }
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return "\(x)"
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}": out += "\\u\(String(scalar.value, radix: 16))"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Shorthands for building JSON values.
extension JSONValue {
    static func int(_ x: Int?) -> JSONValue { x.map { .number(Double($0)) } ?? .null }
    static func double(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
    static func text(_ x: String?) -> JSONValue { x.map { .string($0) } ?? .null }
    /// A |γ|-derived value at float32 precision, so 0.3 prints as 0.3, not 0.30000001192092896.
    static func gamma(_ x: Double?) -> JSONValue {
        guard let x else { return .null }
        guard x.isFinite else { return .number(x) }
        return .number(Double(Float(x).description) ?? x)
    }
}
