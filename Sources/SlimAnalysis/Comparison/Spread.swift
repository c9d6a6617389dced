/// Mean and spread of one quantity over several runs.
public struct Spread: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n − 1); 0 for a single value.
    public var standardDeviation: Double
    public var min: Double
    public var max: Double

    /// Nil when `values` is empty.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        count = values.count
        mean = values.reduce(0, +) / Double(count)
        let m = mean
        standardDeviation = count < 2 ? 0 : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count - 1)).squareRoot()
        min = values.min()!
        max = values.max()!
    }
}
