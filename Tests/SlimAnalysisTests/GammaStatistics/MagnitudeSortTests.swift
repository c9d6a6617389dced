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
            let keys = values.enumerated().map { MagnitudeSort.key($1, layer: $0 % 7) }
            let sorted = MagnitudeSort.sorted(keys)
            #expect(sorted.map(MagnitudeSort.magnitude) == values.sorted())
            // Every key survives with its layer.
            #expect(sorted.sorted() == keys.sorted())
        }
    }
}
