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
    private var scratch: [Double] = []

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
        var keys = Keys()
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
            let keyEnd = index
            if Self.isDuplicate(key, in: &keys) { index = keyEnd; throw fail("key \"\(Self.clipped(key))\" occurs twice in one object") }
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
        // Fast path: arrays of plain numbers (γ vectors) collect in `scratch`, reused by every
        // such array of the line, and leave it as one exactly sized [Double]. Number arrays
        // hold no arrays, so one buffer serves all of them.
        scratch.removeAll(keepingCapacity: true)
        while index < bytes.count && Self.startsNumber(bytes[index]) {
            scratch.append(try number())
            if index < bytes.count && bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                continue
            }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of line") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; skipSpace(); continue }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1; depth -= 1
                return .numbers([Double](unsafeUninitializedCapacity: scratch.count) { buffer, count in
                    count = buffer.initialize(fromContentsOf: scratch)
                })
            }
            throw fail("expected ',' or ']'")
        }
        // A value that is not a number: the general path, keeping the numbers read so far.
        var items: [JSONNode] = scratch.map { .number($0) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of line") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(items) }
            throw fail("expected ',' or ']'")
        }
    }

    private static func startsNumber(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39)
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
                    // Keys and names are nearly always ASCII, which is valid UTF-8 as it stands.
                    if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
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

    /// Parses a JSON number. Exact: the fast path is Clinger's (at most 19 digits, mantissa < 2⁵³,
    /// |exponent| ≤ 22, so one correctly rounded operation); other numbers go through the
    /// standard library. γ vectors are almost all digits, so this loop is the reader's hot spot.
    @inline(__always)
    private mutating func number() throws(Failure) -> Double {
        let p = bytes.baseAddress!  // callers checked index < count
        let end = bytes.count
        let start = index
        var i = index
        if p[i] == UInt8(ascii: "-") { i += 1 }
        var mantissa: UInt64 = 0
        let integerStart = i
        if i < end && p[i] == UInt8(ascii: "0") {
            i += 1  // JSON allows no further integer digits after a leading zero
        } else {
            i = Self.digits(p, from: i, to: end, into: &mantissa)
        }
        guard i > integerStart else { index = i; throw fail("expected a digit") }
        // Leading zeros are counted too: conservative, and 0.00… γ values stay well under 19.
        var digits = i - integerStart
        var exponent = 0
        if i < end && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i + 8 <= end, let eight = Self.eightDigits(p + i) {
                mantissa = mantissa &* 100_000_000 &+ eight
                i += 8
            }
            i = Self.digits(p, from: i, to: end, into: &mantissa)
            guard i > fractionStart else { index = i; throw fail("expected a digit after '.'") }
            digits += i - fractionStart
            exponent = fractionStart - i
        }
        if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
                exponentNegative = p[i] == UInt8(ascii: "-"); i += 1
            }
            let exponentStart = i
            var e = 0
            while i < end {
                let d = p[i] &- 0x30
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                i += 1
            }
            guard i > exponentStart else { index = i; throw fail("expected a digit in the exponent") }
            exponent += exponentNegative ? -e : e
        }
        index = i
        // Past 19 digits the mantissa has wrapped; it is then not used.
        if digits <= 19 && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var d = Double(mantissa)
            if exponent < 0 { d /= Self.powersOfTen[-exponent] } else if exponent > 0 { d *= Self.powersOfTen[exponent] }
            return p[start] == UInt8(ascii: "-") ? -d : d
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        // Double("1e400") is +∞: a number JSON cannot hold is an error, not a silent infinity.
        guard let d = Double(text), d.isFinite else {
            index = start
            throw fail("number \(Self.clipped(text)) is out of the range of a double (write \"Infinity\" as a string)")
        }
        return d
    }

    /// The keys of one object so far: a list for the few keys of an event, a hash set once an
    /// object is large enough (γ `layers`) for the list to be quadratic.
    struct Keys {
        var list: [String] = []
        var set: Set<String> = []
    }

    /// Records `key`; true when the object already has it.
    static func isDuplicate(_ key: String, in keys: inout Keys) -> Bool {
        if keys.list.count < 32 {
            if keys.list.contains(key) { return true }
            keys.list.append(key)
            if keys.list.count == 32 { keys.set = Set(keys.list) }
            return false
        }
        return !keys.set.insert(key).inserted
    }

    /// A key or number as quoted in a message: at most 40 characters.
    static func clipped(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }

    /// Appends the decimal digits from `start` on to `mantissa` (wrapping past 19 digits) and
    /// returns the index after the last one.
    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, into mantissa: inout UInt64) -> Int {
        var i = start
        while i < end {
            let d = p[i] &- 0x30
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        return i
    }

    /// The value of eight ASCII digits at `p`, or nil when they are not all digits; converts
    /// them at once with three multiplications (as in simdjson and fast_float).
    @inline(__always)
    private static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let raw = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let word = UInt64(littleEndian: raw)
        let zeros: UInt64 = 0x3030_3030_3030_3030
        guard ((word &+ 0x4646_4646_4646_4646) | (word &- zeros)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        var v = word &- zeros
        v = (v &* 10) &+ (v >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        return ((v & mask) &* 0x000F_4240_0000_0064 &+ ((v >> 16) & mask) &* 0x0000_2710_0000_0001) >> 32
    }

    /// Exact powers of ten; a literal so that it is a constant, not a lazily built global.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
