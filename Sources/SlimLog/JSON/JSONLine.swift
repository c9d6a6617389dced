/// Builds one JSON object as bytes, in the field order it is given. Numbers are written in
/// the shortest form that reads back exactly; non-finite numbers as "NaN", "Infinity",
/// "-Infinity"; optional fields that are nil are left out.
struct JSONLine {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    init() { bytes.reserveCapacity(256) }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Starts the member `name` of the current object; the value follows.
    mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    mutating func string(_ s: String) { separate(); appendString(s) }
    mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8)) }
    mutating func null() { separate(); bytes.append(contentsOf: Array("null".utf8)) }
    mutating func int(_ i: Int) { separate(); bytes.append(contentsOf: String(i).utf8) }

    mutating func double(_ d: Double) { number(d) }
    mutating func float(_ f: Float) { number(f) }

    private mutating func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ x: F) {
        separate()
        if x.isFinite {
            bytes.append(contentsOf: x.description.utf8)
        } else {
            appendString(x.isNaN ? "NaN" : (x > 0 ? "Infinity" : "-Infinity"))
        }
    }

    mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case let .bool(b): bool(b)
        // Free-form values (config extras, environment) carry no type: a whole number is
        // written as an integer (`16`, not `16.0`) so readers that care (a cfg passed to
        // `nn.Conv2d`) get one.
        case let .number(d) where d == d.rounded() && abs(d) < 9_007_199_254_740_992: int(Int(d))
        case let .number(d): double(d)
        case let .string(s): string(s)
        case let .array(items):
            beginArray(); for item in items { value(item) }; endArray()
        case let .object(members):
            beginObject(); for m in members { key(m.key); value(m.value) }; endObject()
        }
    }

    // Field helpers: `key` then value, skipping nil optionals.
    mutating func field(_ name: String, _ s: String) { key(name); string(s) }
    mutating func field(_ name: String, _ i: Int) { key(name); int(i) }
    mutating func field(_ name: String, _ d: Double) { key(name); double(d) }
    mutating func field(_ name: String, _ s: String?) { if let s { field(name, s) } }
    mutating func field(_ name: String, _ i: Int?) { if let i { field(name, i) } }
    mutating func field(_ name: String, _ d: Double?) { if let d { field(name, d) } }
    mutating func field(_ name: String, _ b: Bool?) { if let b { key(name); bool(b) } }
    mutating func field(_ name: String, _ ints: [Int]?) {
        guard let ints else { return }
        key(name); beginArray(); for i in ints { int(i) }; endArray()
    }
    mutating func field(_ name: String, _ doubles: [Double]?) {
        guard let doubles else { return }
        key(name); beginArray(); for d in doubles { double(d) }; endArray()
    }
    /// The member `name`: an array with one object per item, each written by `body`.
    mutating func objects<Item>(_ name: String, _ items: [Item], _ body: (inout JSONLine, Item) -> Void) {
        key(name); beginArray()
        for item in items { beginObject(); body(&self, item); endObject() }
        endArray()
    }
    mutating func field(_ name: String, _ strings: [String]) {
        key(name); beginArray(); for s in strings { string(s) }; endArray()
    }

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
