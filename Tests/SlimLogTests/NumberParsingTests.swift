import Testing
@testable import SlimLog

/// The reader's number and line scanning fast paths against the standard library.
@Suite struct NumberParsingTests {
    private func parse(_ text: String) throws -> JSONNode {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in try JSONParser.parse(buffer) }
    }

    private func number(_ text: String) throws -> Double? {
        guard case let .numbers(values) = try parse("[\(text)]"), values.count == 1 else { return nil }
        return values[0]
    }

    @Test(arguments: ["0", "-0", "0.1", "-0.0056274123", "1E5", "2.5e+3", "12345678.87654321",
                      "1e-30", "3.4028235e+38", "1.4e-45", "123456789012345678901", "0.000000000000000000001234",
                      "9007199254740993", "1e22", "1e23", "4.9406564584124654e-324", "1.7976931348623157e308"])
    func numbersMatchTheStandardLibrary(text: String) throws {
        let parsed = try number(text)
        #expect(parsed?.bitPattern == Double(text)!.bitPattern)
    }

    @Test func randomDoublesReadBackBitExact() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let d = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            guard d.isFinite else { continue }
            let parsed = try number(d.description)
            #expect(parsed?.bitPattern == d.bitPattern, "\(d)")
            if parsed?.bitPattern != d.bitPattern { return }
        }
    }

    @Test(arguments: ["01", "1.", "-", "1e", "1e+", ".5", "--1"])
    func malformedNumbersAreRejected(text: String) {
        #expect(throws: JSONParser.Failure.self) { _ = try parse("[\(text)]") }
    }

    @Test func newlinesAreFoundAtEveryOffset() {
        for length in 0..<40 {
            for at in 0..<length {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                bytes[at] = 0x0A
                if at + 3 < length { bytes[at + 3] = 0x0A }
                for start in 0...at {
                    let found = bytes.withUnsafeBytes { LogReader.firstNewline(in: $0, from: start) }
                    #expect(found == at)
                }
            }
            let none = [UInt8](repeating: 0x0B, count: length).withUnsafeBytes { LogReader.firstNewline(in: $0, from: 0) }
            #expect(none == nil)
        }
    }
}
