import Foundation

/// Deterministic pseudo-random numbers so the gallery looks the same on every run.
struct SampleData {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// Box–Muller normal sample.
    mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
        let u = max(uniform(), 1e-12), v = uniform()
        return mean + sd * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// A training curve that rises towards `ceiling` with noise.
    mutating func accuracyCurve(epochs: Int, start: Double, ceiling: Double, rate: Double) -> [Double] {
        (0..<epochs).map { e in min(1, ceiling - (ceiling - start) * exp(-rate * Double(e)) + normal(sd: 0.004)) }
    }
}
