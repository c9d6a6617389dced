/// A small, fast parser for one JSON text held in a byte buffer. It validates strictly
/// (RFC 8259) and reports the byte offset of the first problem.
struct JSONParser {
    struct Failure: Error {
        var offset: Int
        var message: String
        var isEndOfInput: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Parses the whole buffer as one JSON value (surrounding white space allowed).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONNode {
        var parser = JSONParser(bytes)
        parser.skipSpace()
        let node = try parser.value()
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.fail("unexpected text after the value") }
        return node
    }

    private func fail(_ message: String) -> Failure {
        Failure(offset: index, message: "\(message) at byte \(index + 1)", isEndOfInput: index >= bytes.count)
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> JSONNode {
        guard index < bytes.count else { throw fail("unexpected end of line") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw fail("unexpected end of line") }
        for k in 0..<count where bytes[index + k] != word.utf8Start[k] { throw fail("expected \(word)") }
        index += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= 64 else { throw fail("nesting deeper than 64 levels") }
    }

    private mutating func object() throws(Failure) -> JSONNode {
        try enter()
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        skipSpace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of line") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(members) }
            throw fail("expected ',' or '}'")
        }
    }

    private mutating func array() throws(Failure) -> JSONNode {
        try enter()
        index += 1
        skipSpace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .numbers([]) }
        // Fast path: arrays of plain numbers (γ vectors) go straight into [Double].
        var numbers: [Double] = []
        var items: [JSONNode] = []
        var allNumbers = true
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of line") }
            let c = bytes[index]
            if allNumbers && (c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39)) {
                numbers.append(try number())
            } else {
                if allNumbers {
                    allNumbers = false
                    items = numbers.map { .number($0) }
                }
                items.append(try value())
            }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of line") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return allNumbers ? .numbers(numbers) : .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        let start = index
        var plain = true
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if plain {
                    guard let s = String(validating: raw, as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
                    return s
                }
                return try unescape(raw)
            }
            if c == UInt8(ascii: "\\") { plain = false; index += 2; continue }
            if c < 0x20 { throw fail("control character in a string") }
            index += 1
        }
        throw fail("unterminated string")
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var v: UInt32 = 0
            for b in raw[at..<(at + 4)] {
                guard let d = hexDigit(b) else { return nil }
                v = v << 4 | d
            }
            return v
        }
        while k < raw.count {
            let c = raw[k]
            guard c == UInt8(ascii: "\\"), k + 1 < raw.count else { out.append(c); k += 1; continue }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(k) else { throw fail("bad \\u escape") }
                k += 4
                if (0xD800..<0xDC00).contains(scalar), k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"),
                   raw[k + 1] == UInt8(ascii: "u"), let low = hex4(k + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    k += 6
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("bad \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw fail("bad escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
        return s
    }

    private func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    /// Parses a JSON number. Exact: the fast path is Clinger's (mantissa < 2⁵³, |exponent| ≤ 22,
    /// one correctly rounded operation); other numbers go through the standard library.
    private mutating func number() throws(Failure) -> Double {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        guard index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 else { throw fail("expected a digit") }
        if bytes[index] == 0x30 {
            index += 1
        } else {
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[index] - 0x30); digits += 1 } else { exponent += 1 }
                index += 1
            }
        }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[index] - 0x30)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                }
                index += 1
            }
            guard index > fractionStart else { throw fail("expected a digit after '.'") }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var expNegative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                expNegative = bytes[index] == UInt8(ascii: "-"); index += 1
            }
            let expStart = index
            var e = 0
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
                if e < 100_000 { e = e * 10 + Int(bytes[index] - 0x30) }
                index += 1
            }
            guard index > expStart else { throw fail("expected a digit in the exponent") }
            exponent += expNegative ? -e : e
        }
        let truncated = digits >= 19
        if !truncated && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var d = Double(mantissa)
            if exponent < 0 { d /= Self.powersOfTen[-exponent] } else { d *= Self.powersOfTen[exponent] }
            return negative ? -d : d
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let d = Double(text) else { throw fail("number out of range") }
        return d
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }
}
