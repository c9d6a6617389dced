import SlimLog

/// Why a prune saved less time than FLOPs: the original network's per-layer profile against
/// a pruned pass's, at one batch size.
public struct LatencyShift: Sendable, Equatable {
    public var before: LayerTimeProfile
    public var after: LayerTimeProfile
    /// Layers timed in both, in the pruned network's order.
    public var layers: [LayerShift]

    /// A layer whose time fell this many percentage points less than its FLOPs counts as lagging.
    public static let lagMargin = 0.2

    public init(before: LayerTimeProfile, after: LayerTimeProfile) {
        self.before = before; self.after = after
        let old = Dictionary(before.rows.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        layers = after.rows.compactMap { row in old[row.name].map { LayerShift(before: $0, after: row, batch: after.batch) } }
    }

    /// Fraction of FLOPs (one sample, paper convention) the prune saved.
    public var flopsSaved: Double { before.flops > 0 ? 1 - Double(after.flops) / Double(before.flops) : 0 }
    /// Fraction of the whole model's median time it saved.
    public var timeSaved: Double { before.wholeMs > 0 ? 1 - after.wholeMs / before.wholeMs : 0 }

    /// Layers with FLOPs whose time fell at least `lagMargin` less than their FLOPs, the ones
    /// holding the most time first.
    public var lagging: [LayerShift] {
        layers.filter { $0.before.flops > 0 && $0.flopsSaved - $0.timeSaved >= Self.lagMargin }
            .sorted { $0.after.medianMs > $1.after.medianMs }
    }

    /// The layer with FLOPs that runs slowest per FLOP after the prune relative to before
    /// (lowest GFLOP/s after ÷ before), among those holding at least 5 % of the time.
    public var slowestRate: LayerShift? {
        layers.filter { $0.rateRatio != nil && after.timeShare($0.after) >= 0.05 }
            .min { $0.rateRatio! < $1.rateRatio! }
    }

    /// One paragraph: how much FLOPs and time fell, where the remaining time is, which layers
    /// kept their time, and the slowest width.
    public var explanation: String {
        func pct(_ x: Double) -> String { Format.percent(x, decimals: 0) }
        var text = "At batch \(after.batch), FLOPs fell \(pct(flopsSaved)) and the measured time \(pct(timeSaved))"
        text += " (\(ms(before.wholeMs)) → \(ms(after.wholeMs)) ms)."
        // Kinds under half a percent (a flatten) would only add noise to the sentence.
        let kinds = after.timeByKind.filter { $0.kind != .conv && $0.kind != .linear && $0.ms >= 0.005 * after.layerSumMs }
        if after.noFLOPsShare > 0 {
            text += " \(pct(after.noFLOPsShare)) of the remaining time is in layers without FLOPs ("
                + kinds.map { "\($0.kind.rawValue) \(pct($0.ms / max(after.layerSumMs, 1e-12)))" }.joined(separator: ", ")
                + "), which pruning barely shrinks"
            let noFLOPsBefore = before.noFLOPsMs
            text += noFLOPsBefore > 0 ? ": \(ms(noFLOPsBefore)) → \(ms(after.noFLOPsMs)) ms." : "."
        } else {
            text += " Every timed layer has FLOPs (BN and ReLU run fused into the conv before them)."
        }
        let lag = lagging
        if !lag.isEmpty {
            func change(_ saved: Double) -> String { (saved > 0 ? "−" : "+") + pct(abs(saved)) }
            let named = lag.prefix(3).map { s in
                "\(s.after.name) (FLOPs \(change(s.flopsSaved)), time \(change(s.timeSaved)))"
            }
            text += " Layers whose time fell much less than their FLOPs: " + named.joined(separator: ", ")
                + (lag.count > 3 ? " and \(lag.count - 3) more." : ".")
        } else {
            text += " No layer's time fell more than \(pct(Self.lagMargin)) less than its FLOPs."
        }
        if let s = slowestRate, let b = s.before.gflopsPerSecond(batch: before.batch), let a = s.after.gflopsPerSecond(batch: after.batch) {
            let widths = (s.before.outChannels ?? 0) == (s.after.outChannels ?? 0) ? "" :
                " went from \(s.before.outChannels ?? 0) to \(s.after.outChannels ?? 0) channels and"
            text += " \(s.after.name)\(widths) runs at \(gflops(a)) GFLOP/s against \(gflops(b)) before."
        }
        return text
    }

    private func ms(_ x: Double) -> String { Format.number(x, digits: 3) }
    private func gflops(_ x: Double) -> String { Format.number(x, digits: 2) }
}

/// One layer before and after a prune.
public struct LayerShift: Sendable, Equatable {
    public var before: LayerTime
    public var after: LayerTime
    public var batch: Int

    /// Fraction of the layer's FLOPs saved.
    public var flopsSaved: Double { before.flops > 0 ? 1 - Double(after.flops) / Double(before.flops) : 0 }
    /// Fraction of the layer's median time saved (negative when it got slower).
    public var timeSaved: Double { before.medianMs > 0 ? 1 - after.medianMs / before.medianMs : 0 }
    /// GFLOP/s after ÷ before; nil without FLOPs.
    public var rateRatio: Double? {
        guard let a = after.gflopsPerSecond(batch: batch), let b = before.gflopsPerSecond(batch: batch), b > 0 else { return nil }
        return a / b
    }
}
