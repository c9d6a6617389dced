import SlimLog
import SlimPruning

/// The global threshold applied to one γ snapshot at several ratios, without retraining:
/// what each ratio would leave of every layer and of the network's cost.
public struct WhatIfSweep: Sendable, Equatable {
    /// The ratios of the default sweep: 0, 0.05, …, 0.95.
    public static let defaultRatios: [Double] = (0...19).map { Double($0) / 20 }

    /// The snapshot swept: its pass, phase, epoch and step.
    public var pass: Int
    public var phase: Phase
    public var epoch: Int
    public var step: Int
    /// The pass whose prune took its threshold from this snapshot, if one did.
    public var usedByPrune: Int?
    /// Cost of the network the snapshot belongs to.
    public var original: NetworkCost
    public var points: [WhatIfPoint]
    /// The smallest ratio at which the rule empties some layer: N·p reaches the number of
    /// pooled channels below the smallest per-layer maximum |γ|.
    public var collapseRatio: Double?
    /// The layer that empties first.
    public var collapseLayer: String?
    /// Every point's kept widths were rounded up to this multiple (`WidthRounding`); 1 = not.
    public var roundTo: Int = 1

    /// The first swept ratio at which some layer has no channel left.
    public var firstCollapsingPoint: WhatIfPoint? { points.first { !$0.collapsedLayers.isEmpty } }

    /// Sweeps `snapshot` of a network with `architecture`; with `rounding`, each point's kept
    /// widths are rounded up to its multiple within the channels a layer can still pass on.
    public init(snapshot: GammaSnapshot, architecture: Architecture, prunable: [BNChannels],
                ratios: [Double], rounding: WidthRounding? = nil) throws(AnalysisError) {
        if let bad = ratios.first(where: { !($0 >= 0 && $0 < 1) }) { throw .ratioOutOfRange(bad) }
        pass = snapshot.pass; phase = snapshot.phase; epoch = snapshot.epoch; step = snapshot.step
        original = try NetworkCost(architecture: architecture)
        let noGuard: CollapseGuard
        do { noGuard = try CollapseGuard(minChannels: 0) } catch { throw .pruning(error) }
        let widthBefore = Dictionary(architecture.effectiveWidths.map { ($0.layer, $0.width) }, uniquingKeysWith: { a, _ in a })
        let live = architecture.selectingLayers().compactMapValues(\.selected)
        var points: [WhatIfPoint] = []
        for ratio in ratios {
            var plan: PrunePlan
            do { plan = try PrunePlan(layers: prunable, ratio: ratio, guard: noGuard) } catch { throw .pruning(error) }
            if let rounding { plan = rounding.rounded(plan, gammas: prunable, live: live) }
            let kept = Dictionary(plan.layers.map { ($0.name, $0.kept) }, uniquingKeysWith: { a, _ in a })
            let narrowed = try architecture.narrowed(keeping: kept, pass: architecture.pass + 1)
            let cost = try NetworkCost(architecture: narrowed)
            // A selection passes on only the kept channels it already selected.
            let widthAfter = Dictionary(narrowed.effectiveWidths.map { ($0.layer, $0.width) }, uniquingKeysWith: { a, _ in a })
            let widths = plan.layers.map { LayerWidth(layer: $0.name, width: widthAfter[$0.name] ?? $0.after) }
            points.append(WhatIfPoint(
                ratio: ratio, threshold: Double(plan.threshold.value), thresholdIndex: plan.threshold.index,
                widths: widths, params: cost.params, macs: cost.macs, allOpsFLOPs: cost.allOpsFLOPs,
                collapsedLayers: widths.filter { $0.width == 0 && widthBefore[$0.layer] ?? 0 > 0 }.map(\.layer)))
        }
        self.points = points
        roundTo = rounding?.multiple ?? 1
        (collapseRatio, collapseLayer) = Self.collapse(prunable, selected: live)
    }

    /// `selected`: the channels a selection still passes on, by BN; the others are gone
    /// whatever their |γ|, so they do not keep their layer alive.
    private static func collapse(_ layers: [BNChannels], selected: [String: [Int]]) -> (Double?, String?) {
        let maxima = layers.compactMap { layer -> (String, Float)? in
            let live = selected[layer.name] ?? Array(layer.gammas.indices)
            return live.lazy.filter(layer.gammas.indices.contains).map { abs(layer.gammas[$0]) }.max().map { (layer.name, $0) }
        }
        guard let (name, weakest) = maxima.min(by: { $0.1 < $1.1 }) else { return (nil, nil) }
        let pooled = layers.flatMap { $0.gammas.map { abs($0) } }
        // The layer empties once the threshold index reaches the first value ≥ its maximum.
        let below = pooled.filter { $0 < weakest }.count
        let n = pooled.count
        guard below < n else { return (nil, nil) }
        var p = Double(below) / Double(n)
        while GlobalThreshold.index(count: n, ratio: p) < below { p = p.nextUp }
        return (p, name)
    }
}

/// One ratio of a what-if sweep.
public struct WhatIfPoint: Sendable, Equatable {
    public var ratio: Double
    public var threshold: Double
    public var thresholdIndex: Int
    public var widths: [LayerWidth]
    public var params: Int
    public var macs: Int
    public var allOpsFLOPs: Int
    /// Layers left with no channel (the collapse guard of a real prune would keep some).
    public var collapsedLayers: [String]
    /// 2 × MACs.
    public var flops: Int { 2 * macs }
}
