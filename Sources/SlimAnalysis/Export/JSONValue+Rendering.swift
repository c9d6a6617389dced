import SlimLog

extension JSONValue {
    /// Compact JSON text. Integral numbers print without a fraction; non-finite numbers as
    /// the strings "NaN", "Infinity", "-Infinity" (the run-log convention).
    public var rendered: String {
        // Bytes, not String appends: rendering large γ timelines is dominated by appending.
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        render(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func render(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(x): out.append(contentsOf: Self.number(x).utf8)
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.render(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.render(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return "\(x)"
    }

    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case ..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
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
