/// Seeded mutations of byte inputs for the in-process fuzz tests: the same seed gives the same
/// inputs on every machine, so a failure found in CI reproduces locally.
public struct Mutator {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { generator.next() }

    /// A number in 0 ..< bound (bound > 0).
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Texts that sit on the edges of what a reader must accept or refuse.
    static let tokens: [String] = [
        "1e400", "-1e400", "9007199254740993", "18446744073709551616", "2147483648", "-1", "0", "-0",
        "1e308", "97.2", "0.9999999999", "\"NaN\"", "\"Infinity\"", "null", "true", "[]", "{}", "\"\"",
        "[9007199254740992,28,28]", "[4294967296,4294967296,2]", "2147483647", "[2147483647,2147483647,2147483647]", "\"type\"", "\"run\"", "\"end\"",
        "\"prune\"", "\"input\"", "\u{1B}[2J", "\u{FEFF}", "\\u0000", "[[[[[[[[", "\"\\ud800\"",
    ]

    /// Edge-case JSON values: each keeps a line parseable when it replaces a whole value, so
    /// it gets past the JSON reader to validation and to the arithmetic behind it.
    static let values: [String] = [
        "1e400", "-1e400", "9007199254740993", "18446744073709551616", "2147483648", "2147483647", "-1", "0",
        "1e308", "null", "\"NaN\"", "[]", "[0,0,0]", "[2147483647,2147483647]", "[2147483647,2147483647,2147483647]",
        "[1,2147483647,2147483647]", "[9007199254740992,28,28]", "[4294967296,4294967296,2]",
    ]

    /// `input` changed by one to four random edits: bit flips, interesting bytes, deletions,
    /// duplications (which grow lines), edge-case tokens over bytes, edge-case values over
    /// whole numbers and number lists, and line swaps, duplicates and truncation (which break
    /// the order of events).
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(4) {
            guard !bytes.isEmpty else { return Array(Self.tokens[below(Self.tokens.count)].utf8) }
            let at = below(bytes.count)
            switch below(11) {
            case 0: bytes[at] ^= UInt8(1) << UInt8(below(8))
            case 1: bytes[at] = [0, 0xFF, 0x22, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x0A, 0x2D, 0x39, 0x80][below(12)]
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(64)))
            case 3:
                let piece = bytes[at..<min(bytes.count, at + 1 + below(256))]
                let copies = below(8) == 0 ? 200 : 1 + below(3)
                bytes.insert(contentsOf: Array(repeatElement(piece, count: copies).joined()), at: at)
            case 4, 5: bytes.replaceSubrange(at..<min(bytes.count, at + below(12)), with: Array(Self.tokens[below(Self.tokens.count)].utf8))
            case 6: bytes = shuffleLines(bytes)
            case 7: bytes.removeSubrange(at...)
            case 8, 9: replaceValue(&bytes, from: at)
            default: bytes = duplicateLine(bytes)
            }
        }
        return bytes
    }

    /// An edge-case value over the first whole number or `[`…`]` list at or after `at`.
    private mutating func replaceValue(_ bytes: inout [UInt8], from at: Int) {
        func inNumber(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || b == 0x2D || b == 0x2E || b == 0x65 || b == 0x2B }
        guard var start = bytes[at...].firstIndex(where: { $0 == 0x5B || (0x30...0x39).contains($0) }) else { return }
        var end = start + 1
        if bytes[start] == 0x5B {
            guard let close = bytes[start...].firstIndex(of: 0x5D) else { return }
            end = close + 1
        } else {
            while start > 0, inNumber(bytes[start - 1]) { start -= 1 }
            while end < bytes.count, inNumber(bytes[end]) { end += 1 }
        }
        bytes.replaceSubrange(start..<end, with: Array(Self.values[below(Self.values.count)].utf8))
    }

    private func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    private mutating func shuffleLines(_ bytes: [UInt8]) -> [UInt8] {
        var all = lines(bytes)
        guard all.count > 1 else { return bytes }
        if below(4) == 0 { all.reverse() } else { all.swapAt(below(all.count), below(all.count)) }
        return Array(all.joined(separator: [0x0A]))
    }

    private mutating func duplicateLine(_ bytes: [UInt8]) -> [UInt8] {
        var all = lines(bytes)
        guard !all.isEmpty else { return bytes }
        let k = below(all.count)
        all.insert(all[k], at: below(all.count + 1))
        return Array(all.joined(separator: [0x0A]))
    }
}
