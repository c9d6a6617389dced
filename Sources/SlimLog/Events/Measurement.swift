/// Measured cost of the real model at one moment (after a prune, after fine-tuning, or of the
/// original network).
public struct Measurement: Sendable, Equatable {
    public var pass: Int
    /// `baseline`/`sparsity` (the unpruned model), `pruned` or `finetune`.
    public var phase: Phase
    /// Latency per batch size.
    public var latency: [Latency]
    /// Peak resident memory of the process during the measurement, bytes.
    public var peakMemoryBytes: Int?
    /// Bytes of the saved model (weights + buffers, float32).
    public var modelBytes: Int?
    /// Parameters of the model as the writer counts them (informational; analyzers recompute).
    public var params: Int?

    public init(pass: Int, phase: Phase, latency: [Latency], peakMemoryBytes: Int? = nil,
                modelBytes: Int? = nil, params: Int? = nil) {
        self.pass = pass; self.phase = phase; self.latency = latency
        self.peakMemoryBytes = peakMemoryBytes; self.modelBytes = modelBytes; self.params = params
    }
}

/// Inference latency of one forward pass at a batch size, in milliseconds, warm.
public struct Latency: Sendable, Equatable {
    public var batch: Int
    public var medianMs: Double
    public var minMs: Double?
    public var maxMs: Double?
    public var repeats: Int?
    public init(batch: Int, medianMs: Double, minMs: Double? = nil, maxMs: Double? = nil,
                repeats: Int? = nil) {
        self.batch = batch; self.medianMs = medianMs; self.minMs = minMs; self.maxMs = maxMs
        self.repeats = repeats
    }
}
