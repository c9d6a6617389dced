/// A quantity before and after a step, and how much of it was saved.
public struct Change: Sendable, Equatable {
    public var before: Double
    public var after: Double
    public init(before: Double, after: Double) { self.before = before; self.after = after }
    public init(before: Int, after: Int) { self.init(before: Double(before), after: Double(after)) }

    /// `before − after`.
    public var saved: Double { before - after }
    /// `saved / before`, as a fraction (nil when `before` is 0).
    public var savedFraction: Double? { before == 0 ? nil : saved / before }
    /// `before / after` (nil when `after` is 0).
    public var factor: Double? { after == 0 ? nil : before / after }
}

/// The cost of a network before and after: parameters, MACs, FLOPs, bytes.
public struct CostChange: Sendable, Equatable {
    public var params: Change
    public var macs: Change
    /// 2 × MACs.
    public var flops: Change
    public var allOpsFLOPs: Change
    public var modelBytes: Change
    public var activationBytes: Change

    public init(from a: NetworkCost, to b: NetworkCost) {
        params = Change(before: a.params, after: b.params)
        macs = Change(before: a.macs, after: b.macs)
        flops = Change(before: a.flops, after: b.flops)
        allOpsFLOPs = Change(before: a.allOpsFLOPs, after: b.allOpsFLOPs)
        modelBytes = Change(before: a.modelBytes, after: b.modelBytes)
        activationBytes = Change(before: a.activationBytes, after: b.activationBytes)
    }
}
