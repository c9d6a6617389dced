import SlimLog

extension Latency {
    /// Whether the repeats spread wider than the median itself (max − min > median): a
    /// measurement disturbed by stalls or load, not a property of the network.
    public var spreadExceedsMedian: Bool {
        guard let lo = minMs, let hi = maxMs else { return false }
        return hi - lo > medianMs
    }
}

extension Speedup {
    /// A network with fewer FLOPs that measured slower than the original: almost always a
    /// measurement stall (thread hand-off, a busy machine) rather than a real slowdown.
    public var prunedSlower: Bool { latencyMs.after > latencyMs.before && flops.after < flops.before }
}
