/// SIMD loops over contiguous runs of floats, the inner kernels of the element-wise layers.
/// Sums use eight Float lanes per run and are returned as Double so that callers can add up
/// many runs without losing precision.
enum VectorKernels {
    typealias Lanes = SIMD8<Float>

    /// Σ x[start..<start+count].
    static func sum(_ x: UnsafeBufferPointer<Float>, _ start: Int, _ count: Int) -> Double {
        var acc = Lanes(), i = 0
        while i + 8 <= count { acc += load(x, start + i); i += 8 }
        var total = Double(acc.sum())
        while i < count { total += Double(x[start + i]); i += 1 }
        return total
    }

    /// Σ (x − mean)².
    static func squaredDeviations(_ x: UnsafeBufferPointer<Float>, _ start: Int, _ count: Int, mean: Float) -> Double {
        var acc = Lanes(), i = 0
        let m = Lanes(repeating: mean)
        while i + 8 <= count { let d = load(x, start + i) - m; acc += d * d; i += 8 }
        var total = Double(acc.sum())
        while i < count { let d = x[start + i] - mean; total += Double(d * d); i += 1 }
        return total
    }

    /// y = x·scale + shift, then max(y, 0) when `relu`.
    static func affine(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int,
                       scale: Float, shift: Float, relu: Bool = false) {
        affine(x.baseAddress! + start, y.baseAddress! + start, count, scale: scale, shift: shift, relu: relu)
    }

    /// The same on raw runs (`x` and `y` may be the same run).
    static func affine(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int,
                       scale: Float, shift: Float, relu: Bool) {
        let s = Lanes(repeating: scale), t = Lanes(repeating: shift), zero = Lanes()
        var i = 0
        if relu {
            while i + 8 <= count {
                let v = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self) * s + t
                UnsafeMutableRawPointer(y + i).storeBytes(of: v.replacing(with: zero, where: v .< zero), as: Lanes.self)
                i += 8
            }
            while i < count { y[i] = max(x[i] * scale + shift, 0); i += 1 }
        } else {
            while i + 8 <= count {
                UnsafeMutableRawPointer(y + i).storeBytes(of: UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self) * s + t,
                                                          as: Lanes.self)
                i += 8
            }
            while i < count { y[i] = x[i] * scale + shift; i += 1 }
        }
    }

    /// (Σ g, Σ g·x) in one pass, where g = dy, or with `gate` dy where x·scale + shift > 0 and
    /// 0 elsewhere: the gradient through a ReLU after a BatchNorm whose map is (scale, shift).
    /// The ReLU's output is positive exactly there (it computed the same x·scale + shift), and
    /// recomputing that costs less than reading the output back from memory.
    static func sumAndDot(_ dy: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>, gate: ReLUGate?,
                          _ start: Int, _ count: Int) -> (sum: Double, dot: Double) {
        var accSum = Lanes(), accDot = Lanes(), i = 0
        var sum = 0.0, dot = 0.0
        if let gate {
            let s = Lanes(repeating: gate.scale), t = Lanes(repeating: gate.shift), zero = Lanes()
            while i + 8 <= count {
                let v = load(x, start + i)
                let g = zero.replacing(with: load(dy, start + i), where: v * s + t .> zero)
                accSum += g; accDot += g * v; i += 8
            }
            while i < count {
                let v = x[start + i], g = v * gate.scale + gate.shift > 0 ? dy[start + i] : 0
                sum += Double(g); dot += Double(g * v); i += 1
            }
        } else {
            while i + 8 <= count {
                let g = load(dy, start + i)
                accSum += g; accDot += g * load(x, start + i); i += 8
            }
            while i < count { sum += Double(dy[start + i]); dot += Double(dy[start + i] * x[start + i]); i += 1 }
        }
        return (sum + Double(accSum.sum()), dot + Double(accDot.sum()))
    }

    /// A BatchNorm's per-channel map x·scale + shift, whose sign gates the gradient through
    /// the ReLU after it (see `sumAndDot`).
    struct ReLUGate {
        var scale: Float
        var shift: Float
    }

    /// y = a·g + b·x + c with g = dy, or dy gated by `gate` as in `sumAndDot`; with
    /// `accumulate`, y += a·g + b·x + c (a gradient added where it is written, instead of by
    /// a second pass over both).
    static func combine(_ dy: UnsafeBufferPointer<Float>, _ x: UnsafeBufferPointer<Float>, gate: ReLUGate?,
                        _ y: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int, a: Float, b: Float, c: Float,
                        accumulate: Bool) {
        let va = Lanes(repeating: a), vb = Lanes(repeating: b), vc = Lanes(repeating: c), zero = Lanes()
        let s = Lanes(repeating: gate?.scale ?? 0), t = Lanes(repeating: gate?.shift ?? 0), gated = gate != nil
        var i = 0
        while i + 8 <= count {
            let v = load(x, start + i), d = load(dy, start + i)
            let g = gated ? zero.replacing(with: d, where: v * s + t .> zero) : d
            let r = g * va + v * vb + vc
            store(y, start + i, accumulate ? load(y, start + i) + r : r)
            i += 8
        }
        while i < count {
            let v = x[start + i]
            let passes = gate.map { v * $0.scale + $0.shift > 0 } ?? true
            let r = (passes ? dy[start + i] : 0) * a + v * b + c
            y[start + i] = accumulate ? y[start + i] + r : r
            i += 1
        }
    }

    /// y = max(x, 0).
    static func relu(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int) {
        let zero = Lanes()
        var i = 0
        while i + 8 <= count {
            let v = load(x, start + i)
            store(y, start + i, v.replacing(with: zero, where: v .< zero))
            i += 8
        }
        while i < count { y[start + i] = max(x[start + i], 0); i += 1 }
    }

    /// dx = dy where out > 0, else 0.
    static func reluBackward(_ out: UnsafeBufferPointer<Float>, _ dy: UnsafeBufferPointer<Float>,
                             _ dx: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int) {
        let zero = Lanes()
        var i = 0
        while i + 8 <= count {
            let keep = load(out, start + i) .> zero
            store(dx, start + i, zero.replacing(with: load(dy, start + i), where: keep))
            i += 8
        }
        while i < count { dx[start + i] = out[start + i] > 0 ? dy[start + i] : 0; i += 1 }
    }

    /// y += x.
    static func add(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int) {
        var i = 0
        while i + 8 <= count { store(y, start + i, load(y, start + i) + load(x, start + i)); i += 8 }
        while i < count { y[start + i] += x[start + i]; i += 1 }
    }

    @inline(__always)
    static func load(_ p: UnsafeBufferPointer<Float>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutableBufferPointer<Float>, _ i: Int) -> Lanes {
        UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func store(_ p: UnsafeMutableBufferPointer<Float>, _ i: Int, _ v: Lanes) {
        UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: v, as: Lanes.self)
    }
}
