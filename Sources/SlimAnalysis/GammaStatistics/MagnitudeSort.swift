/// Sorting the |γ| of a whole snapshot at once, fast.
///
/// Each channel becomes one key: the bit pattern of its |γ| in the upper 32 bits (bit
/// patterns of non-negative finite floats order exactly like the floats) and its layer's index
/// in the lower 32. One LSD radix sort on the upper bits (4 passes of 8, all histograms counted
/// in one sweep) then orders every layer and the pool together: walking the sorted keys hands
/// each layer its values already sorted. This replaced one comparison sort per layer plus one
/// for the pool, which dominated the analysis of γ-heavy logs.
enum MagnitudeSort {
    /// Below this many keys a comparison sort is cheaper than four 256-bucket passes.
    static let radixThreshold = 128

    /// The key of `magnitude` (≥ 0, finite) in layer `layer`.
    static func key(_ magnitude: Float, layer: Int) -> UInt64 {
        UInt64(magnitude.bitPattern) << 32 | UInt64(UInt32(truncatingIfNeeded: layer))
    }
    static func magnitude(_ key: UInt64) -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: key >> 32)) }
    static func layer(_ key: UInt64) -> Int { Int(UInt32(truncatingIfNeeded: key)) }

    /// `keys` ordered by magnitude (ties in any order).
    static func sorted(_ keys: [UInt64]) -> [UInt64] {
        let n = keys.count
        guard n >= radixThreshold else { return keys.sorted() }
        var a = keys
        var b = [UInt64](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 4 * 256)
        // Buffer pointers drop the bounds checks of the hot loops; indices stay in range
        // because digits are < 256 and the prefix sums of a histogram of n keys end at n.
        counts.withUnsafeMutableBufferPointer { c in
            a.withUnsafeBufferPointer { src in
                for x in src {
                    c[Int((x >> 32) & 0xFF)] += 1
                    c[256 + Int((x >> 40) & 0xFF)] += 1
                    c[512 + Int((x >> 48) & 0xFF)] += 1
                    c[768 + Int(x >> 56)] += 1
                }
            }
        }
        for digit in 0..<4 {
            let base = digit * 256
            // Every key has the same digit here: the pass would not move anything.
            if counts[base..<(base + 256)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for i in 0..<256 { offsets[i] = sum; sum += counts[base + i] }
            let shift = UInt64(32 + digit * 8)
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
        return a
    }
}
