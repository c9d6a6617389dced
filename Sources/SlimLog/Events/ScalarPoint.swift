/// One point of a free-form series a trainer chose to record (a penalty term, the learning rate
/// per step, a validation metric of its own). Optional in the schema: readers that do not know
/// the `scalar` event skip it.
public struct ScalarPoint: Sendable, Equatable {
    public var pass: Int
    public var phase: Phase
    /// The epoch in progress (1-based within the phase), or the one just ended.
    public var epoch: Int
    /// Optimizer steps since the start of the run, when the writer counts them.
    public var step: Int?
    /// The series this point belongs to.
    public var name: String
    public var value: Double
    public init(pass: Int, phase: Phase, epoch: Int, step: Int?, name: String, value: Double) {
        self.pass = pass; self.phase = phase; self.epoch = epoch; self.step = step; self.name = name
        self.value = value
    }
}
