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
    /// The CPU's model name, as the operating system reports it.
    public var cpu: String?
    /// Compute threads the measurement ran with.
    public var threads: Int?
    /// The same prune with every kept width rounded up to a multiple, timed the same way
    /// (empty when not measured).
    public var rounded: [RoundedMeasurement]

    public init(pass: Int, phase: Phase, latency: [Latency], peakMemoryBytes: Int? = nil,
                modelBytes: Int? = nil, params: Int? = nil, cpu: String? = nil, threads: Int? = nil,
                rounded: [RoundedMeasurement] = []) {
        self.pass = pass; self.phase = phase; self.latency = latency
        self.peakMemoryBytes = peakMemoryBytes; self.modelBytes = modelBytes; self.params = params
        self.cpu = cpu; self.threads = threads; self.rounded = rounded
    }
}

/// Inference latency of one forward pass at a batch size, in milliseconds, warm.
public struct Latency: Sendable, Equatable {
    public var batch: Int
    public var medianMs: Double
    public var minMs: Double?
    public var maxMs: Double?
    public var repeats: Int?
    /// Each layer's share of the same forward passes, in execution order; nil when the writer
    /// did not profile layers. A run of layers the writer executes fused appears once, under
    /// the name of its first layer (docs/run-log.md).
    public var layers: [LayerLatency]?
    public init(batch: Int, medianMs: Double, minMs: Double? = nil, maxMs: Double? = nil,
                repeats: Int? = nil, layers: [LayerLatency]? = nil) {
        self.batch = batch; self.medianMs = medianMs; self.minMs = minMs; self.maxMs = maxMs
        self.repeats = repeats; self.layers = layers
    }
}

/// Forward time of one architecture layer (or of the fused run it starts), milliseconds.
public struct LayerLatency: Sendable, Equatable {
    /// The layer's name in the `architecture` event.
    public var name: String
    public var medianMs: Double
    public var minMs: Double?
    public var maxMs: Double?
    public init(name: String, medianMs: Double, minMs: Double? = nil, maxMs: Double? = nil) {
        self.name = name; self.medianMs = medianMs; self.minMs = minMs; self.maxMs = maxMs
    }
}

/// A prune's kept widths rounded up to a multiple of `multiple` (channels with the next-largest
/// |γ| come back, never more than the layer had), and that network's measured latency.
public struct RoundedMeasurement: Sendable, Equatable {
    public var multiple: Int
    /// Width passed on by every prunable BN layer after rounding, in architecture order.
    public var widths: [LayerWidth]
    /// Parameters of the rounded network as the writer counts them (informational).
    public var params: Int?
    public var latency: [Latency]
    public init(multiple: Int, widths: [LayerWidth], params: Int? = nil, latency: [Latency]) {
        self.multiple = multiple; self.widths = widths; self.params = params; self.latency = latency
    }
}

/// A layer's width: the channels a prunable BN layer passes on.
public struct LayerWidth: Sendable, Equatable {
    public var layer: String
    public var width: Int
    public init(layer: String, width: Int) { self.layer = layer; self.width = width }
}
