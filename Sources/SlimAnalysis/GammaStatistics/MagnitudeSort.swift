/// Sorting |γ| fast: the bit patterns of non-negative finite floats order exactly like the
/// floats, so an LSD radix sort on them (4 passes of 8 bits) replaces comparison sorting,
/// which dominated the analysis of γ-heavy logs.
enum MagnitudeSort {
    /// `magnitudes` (all ≥ 0 and finite) in ascending order.
    static func sorted(_ magnitudes: [Float]) -> [Float] {
        guard magnitudes.count >= 64 else { return magnitudes.sorted() }
        var a = magnitudes.map { $0.bitPattern }
        var b = [UInt32](repeating: 0, count: a.count)
        var counts = [Int](repeating: 0, count: 257)
        for shift in stride(from: UInt32(0), to: 32, by: 8) {
            for i in counts.indices { counts[i] = 0 }
            for x in a { counts[Int((x >> shift) & 0xFF) + 1] += 1 }
            // Every value has the same digit here: the pass would not move anything.
            if counts.contains(a.count) { continue }
            for i in 1...256 { counts[i] += counts[i - 1] }
            for x in a {
                let digit = Int((x >> shift) & 0xFF)
                b[counts[digit]] = x
                counts[digit] += 1
            }
            swap(&a, &b)
        }
        return a.map { Float(bitPattern: $0) }
    }
}
