import SlimLog

/// Where the measured time of one forward pass goes, layer by layer, next to where its FLOPs
/// are: one batch size of one `measure` event that carries per-layer times.
public struct LayerTimeProfile: Sendable, Equatable {
    public var pass: Int
    public var phase: Phase
    public var batch: Int
    /// The whole model's median, min and max over the same passes, milliseconds.
    public var wholeMs: Double
    public var minMs: Double?
    public var maxMs: Double?
    public var repeats: Int?
    public var cpu: String?
    public var threads: Int?
    /// One row per timed layer (or fused run), in architecture order.
    public var rows: [LayerTime]

    /// The sum of the per-layer medians, milliseconds.
    public var layerSumMs: Double { rows.reduce(0) { $0 + $1.medianMs } }
    /// Per-layer sum / whole-model median: 1 when the layers account for all the time.
    public var sumRatio: Double { wholeMs > 0 ? layerSumMs / wholeMs : .nan }
    /// FLOPs of one sample (paper convention) of all rows.
    public var flops: Int { rows.reduce(0) { $0 + $1.flops } }
    /// Time in rows without FLOPs (BN, ReLU, pooling, add, concat, select, flatten), milliseconds.
    public var noFLOPsMs: Double { rows.filter { $0.flops == 0 }.reduce(0) { $0 + $1.medianMs } }
    /// `noFLOPsMs` as a share of the per-layer sum.
    public var noFLOPsShare: Double { layerSumMs > 0 ? noFLOPsMs / layerSumMs : 0 }

    /// A row's share of the per-layer time.
    public func timeShare(_ row: LayerTime) -> Double { layerSumMs > 0 ? row.medianMs / layerSumMs : 0 }
    /// A row's share of the FLOPs.
    public func flopsShare(_ row: LayerTime) -> Double { flops > 0 ? Double(row.flops) / Double(flops) : 0 }

    /// Milliseconds by kind of layer, in `LayerKind.allCases` order (kinds without time left out).
    public var timeByKind: [(kind: LayerKind, ms: Double)] {
        LayerKind.allCases.compactMap { kind in
            let ms = rows.filter { $0.kind == kind }.reduce(0) { $0 + $1.medianMs }
            return ms > 0 ? (kind, ms) : nil
        }
    }

    /// The profile of `latency` (of `measurement`) against the architecture it measured; nil
    /// when the latency has no per-layer times. A layer of the architecture missing from the
    /// times ran fused with the timed layer before it (docs/run-log.md), so its FLOPs and name
    /// go to that row; a timed name the architecture lacks is left out.
    public init?(latency: Latency, of measurement: Measurement, architecture: Architecture, cost: NetworkCost) {
        guard let timed = latency.layers, !timed.isEmpty else { return nil }
        pass = measurement.pass; phase = measurement.phase; batch = latency.batch
        wholeMs = latency.medianMs; minMs = latency.minMs; maxMs = latency.maxMs; repeats = latency.repeats
        cpu = measurement.cpu; threads = measurement.threads
        let byName = Dictionary(timed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [LayerTime] = []
        for (layer, layerCost) in zip(architecture.layers, cost.layers) {
            if let t = byName[layer.name] {
                rows.append(LayerTime(name: layer.name, op: layer.op, fused: [], flops: layerCost.flops,
                                      outChannels: layer.outShape.first, medianMs: t.medianMs, minMs: t.minMs, maxMs: t.maxMs))
            } else if !rows.isEmpty {
                rows[rows.count - 1].fused.append(layer.name)
                rows[rows.count - 1].flops += layerCost.flops
            }
        }
        self.rows = rows
    }
}

/// One timed layer, or a run of layers the engine ran fused (timed under its first layer).
public struct LayerTime: Sendable, Equatable {
    public var name: String
    public var op: LayerOp
    /// The layers after `name` that ran fused with it (conv → BN → ReLU in evaluation).
    public var fused: [String]
    /// FLOPs of one sample (paper convention), fused layers included.
    public var flops: Int
    /// Output channels (or features) of the first layer.
    public var outChannels: Int?
    public var medianMs: Double
    public var minMs: Double?
    public var maxMs: Double?

    public var kind: LayerKind { LayerKind(op) }

    /// Arithmetic rate at `batch`: FLOPs × batch / median time, in GFLOP/s; nil without FLOPs.
    public func gflopsPerSecond(batch: Int) -> Double? {
        guard flops > 0, medianMs > 0 else { return nil }
        return Double(flops) * Double(batch) / (medianMs * 1e6)
    }
}

/// What a layer does to the data, for the time-by-kind breakdown.
public enum LayerKind: String, CaseIterable, Sendable {
    case conv, linear
    case normalization = "BN/ReLU"
    case pooling = "pool"
    case join = "add/concat/select"
    case other

    public init(_ op: LayerOp) {
        switch op {
        case .conv2d: self = .conv
        case .linear: self = .linear
        case .batchnorm2d, .relu: self = .normalization
        case .maxpool2d, .avgpool2d, .globalAvgpool: self = .pooling
        case .add, .concat, .select: self = .join
        default: self = .other
        }
    }
}
