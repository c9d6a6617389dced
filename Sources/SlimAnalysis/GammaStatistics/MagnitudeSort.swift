/// Sorting |γ| fast: the bit patterns of non-negative finite floats order exactly like the
/// floats, so an LSD radix sort on them (4 passes of 8 bits, all histograms counted in one
/// sweep) replaces comparison sorting, which dominated the analysis of γ-heavy logs.
enum MagnitudeSort {
    /// Below this many values a comparison sort is cheaper than four 256-bucket passes.
    static let radixThreshold = 128

    /// `magnitudes` (all ≥ 0 and finite) in ascending order.
    static func sorted(_ magnitudes: [Float]) -> [Float] {
        let n = magnitudes.count
        guard n >= radixThreshold else { return magnitudes.sorted() }
        var a = magnitudes.map { $0.bitPattern }
        var b = [UInt32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 4 * 256)
        // Buffer pointers drop the bounds checks of the two hot loops; indices stay in range
        // because digits are < 256 and the prefix sums of a histogram of n values end at n.
        counts.withUnsafeMutableBufferPointer { c in
            a.withUnsafeBufferPointer { src in
                for x in src {
                    c[Int(x & 0xFF)] += 1
                    c[256 + Int((x >> 8) & 0xFF)] += 1
                    c[512 + Int((x >> 16) & 0xFF)] += 1
                    c[768 + Int(x >> 24)] += 1
                }
            }
        }
        for digit in 0..<4 {
            let base = digit * 256
            // Every value has the same digit here: the pass would not move anything.
            if counts[base..<(base + 256)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for i in 0..<256 { offsets[i] = sum; sum += counts[base + i] }
            let shift = UInt32(digit * 8)
            offsets.withUnsafeMutableBufferPointer { o in
                a.withUnsafeBufferPointer { src in
                    b.withUnsafeMutableBufferPointer { dst in
                        for x in src {
                            let d = Int((x >> shift) & 0xFF)
                            dst[o[d]] = x
                            o[d] += 1
                        }
                    }
                }
            }
            swap(&a, &b)
        }
        return a.map { Float(bitPattern: $0) }
    }
}
