import Testing
@testable import SlimGzip

@Suite struct GzipRoundTripTests {
    @Test func compressThenDecompressGivesTheInput() throws {
        let text = Array(String(repeating: "slim-run/1 γ ", count: 5000).utf8)
        let packed = try GzipCompressor.compress(text)
        #expect(GzipInflater.isGzip(packed))
        #expect(packed.count < text.count / 10)
        #expect(try GzipInflater.decompress(packed, source: "t.gz") == text)
    }

    @Test func concatenatedMembersAreReadOneAfterAnother() throws {
        let a = try GzipCompressor.compress(Array("first\n".utf8))
        let b = try GzipCompressor.compress(Array("second\n".utf8))
        #expect(try GzipInflater.decompress(a + b, source: "t.gz") == Array("first\nsecond\n".utf8))
    }

    @Test func truncatedStreamIsAnError() throws {
        let packed = try GzipCompressor.compress(Array(repeating: 7, count: 100_000))
        #expect(throws: GzipError.self) {
            _ = try GzipInflater.decompress(Array(packed.prefix(packed.count / 2)), source: "cut.gz")
        }
    }

    @Test func garbageIsAnErrorNamingTheSource() {
        #expect(throws: GzipError.corrupt(path: "junk.gz", detail: "incorrect header check")) {
            _ = try GzipInflater.decompress(Array("not gzip at all".utf8), source: "junk.gz")
        }
    }
}
