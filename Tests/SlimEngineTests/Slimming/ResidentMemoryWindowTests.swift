import Testing
@testable import SlimEngine

@Suite struct ResidentMemoryWindowTests {
    /// The window's peak covers what ran inside it, and a later window does not inherit it.
    @Test func peakIsResetForEachWindow() throws {
        let size = 96 << 20
        let big = try #require(ResidentMemoryWindow.peak {
            var buffer = [UInt8](repeating: 0, count: size)
            for i in stride(from: 0, to: size, by: 4096) { buffer[i] = 1 }
            #expect(buffer[size - 4096] == 1)
        })
        let quiet = try #require(ResidentMemoryWindow.peak {})
        #expect(big >= size)
        #expect(quiet < big - size / 2)
    }
}
