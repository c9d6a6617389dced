import Testing
@testable import SlimAnalysis

@Suite struct MagnitudeSortTests {
    @Test func radixSortAgreesWithComparisonSort() {
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Magnitudes over many binades, zeros and subnormals included.
            let bits = UInt32(truncatingIfNeeded: state >> 33) & 0x7F7F_FFFF
            return Float(bitPattern: bits)
        }
        for count in [0, 1, 63, 64, 65, 512, 5000] {
            var values = (0..<count).map { _ in next() }
            if count > 3 { values[0] = 0; values[1] = .leastNonzeroMagnitude; values[2] = values[3] }
            #expect(MagnitudeSort.sorted(values) == values.sorted())
        }
    }

    @Test func mergingSortedPartsGivesTheSortedWhole() {
        let parts: [[Float]] = [[0.1, 0.5, 0.9], [], [0.2, 0.2], [0.05], [0.3, 1]]
        #expect(RunAnalysis.merged(parts) == parts.flatMap { $0 }.sorted())
        #expect(RunAnalysis.merged([]) == [])
    }
}
