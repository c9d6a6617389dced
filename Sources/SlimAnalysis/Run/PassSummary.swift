import SlimLog

/// One pass of a run: its network's cost, widths and accuracy, next to the original network.
public struct PassSummary: Sendable, Equatable {
    /// 0 = the original network; k = after the k-th prune.
    public var pass: Int
    public var cost: NetworkCost
    /// Width of every prunable BN layer, in architecture order.
    public var widths: [LayerWidth]
    public var accuracy: PassAccuracy
    /// Against pass 0.
    public var fromOriginal: CostChange
    /// Against the pass before (equal to `fromOriginal` for pass 1, identity for pass 0).
    public var fromPrevious: CostChange
    /// The pass's last measurement (after fine-tuning when recorded, else right after the prune).
    public var measured: Measurement?
    /// Measured latency against the FLOP reduction, per batch size, relative to pass 0.
    public var speedups: [Speedup]
    /// Measured peak memory, original → this pass (nil unless both were measured).
    public var peakMemory: Change?
}

/// A layer's width in one pass.
public struct LayerWidth: Sendable, Equatable {
    public var layer: String
    public var width: Int
    public init(layer: String, width: Int) { self.layer = layer; self.width = width }
}

/// Test accuracy around one pass, fractions in [0, 1].
public struct PassAccuracy: Sendable, Equatable {
    /// Pass 0: the trained original network. Pass k: right before the k-th prune.
    public var beforePrune: Double?
    /// Right after the prune, before fine-tuning (pass k ≥ 1).
    public var afterPrune: Double?
    /// Right after the prune had the removed channels simply been dropped, when the run
    /// compensated for them (see `PruneRecord.compensation`).
    public var afterPruneUncompensated: Double?
    /// At the end of the fine-tuning of pass k ≥ 1.
    public var afterFinetune: Double?
    /// The best the pass's network reached: fine-tuned, else pruned, else trained.
    public var final: Double? { afterFinetune ?? afterPrune ?? beforePrune }
}

/// FLOPs saved against measured latency saved at one batch size.
public struct Speedup: Sendable, Equatable {
    public var batch: Int
    /// 2×MACs, original → this pass.
    public var flops: Change
    /// Median latency in ms, original → this pass.
    public var latencyMs: Change
    /// Latency saved fraction / FLOPs saved fraction: 1 = latency falls as fast as FLOPs.
    public var latencyPerFLOPSaved: Double? {
        guard let f = flops.savedFraction, let l = latencyMs.savedFraction, f != 0 else { return nil }
        return l / f
    }
}

extension RunAnalysis {
    /// One summary per pass, ascending.
    public var passSummaries: [PassSummary] {
        guard let original = costs.first else { return [] }
        let originalMeasure = lastMeasure(pass: original.pass)
        var result: [PassSummary] = []
        for (i, architecture) in architectures.enumerated() {
            let cost = costs[i]
            let pass = architecture.pass
            let prune = prunes.first { $0.pass == pass }
            var accuracy = PassAccuracy()
            if pass == original.pass {
                accuracy.beforePrune = lastTestAccuracy(pass: pass) ?? prunes.first?.accuracyBefore ?? statedAccuracy("best_prec1")
            } else {
                accuracy.beforePrune = prune?.accuracyBefore ?? (i > 0 ? lastTestAccuracy(pass: architectures[i - 1].pass) : nil)
                accuracy.afterPrune = prune?.accuracyAfter
                accuracy.afterPruneUncompensated = prune?.accuracyAfterUncompensated
                accuracy.afterFinetune = epochs.last { $0.pass == pass && $0.phase == .finetune && $0.testAccuracy != nil }?.testAccuracy
                    ?? (pass == 1 ? statedAccuracy("pruned_best_prec1") : nil)
            }
            let measured = lastMeasure(pass: pass)
            var speedups: [Speedup] = []
            if pass != original.pass, let m = measured, let m0 = originalMeasure {
                for l in m.latency {
                    guard let l0 = m0.latency.first(where: { $0.batch == l.batch }) else { continue }
                    speedups.append(Speedup(batch: l.batch, flops: Change(before: original.flops, after: cost.flops),
                                            latencyMs: Change(before: l0.medianMs, after: l.medianMs)))
                }
            }
            result.append(PassSummary(
                pass: pass, cost: cost,
                widths: architecture.effectiveWidths.map { LayerWidth(layer: $0.layer, width: $0.width) },
                accuracy: accuracy,
                fromOriginal: CostChange(from: original, to: cost),
                fromPrevious: CostChange(from: i > 0 ? costs[i - 1] : cost, to: cost),
                measured: measured, speedups: speedups,
                peakMemory: pass == original.pass ? nil : Self.change(originalMeasure?.peakMemoryBytes, measured?.peakMemoryBytes)))
        }
        return result
    }

    /// An accuracy the run's config states instead of recording epochs (imported checkpoints:
    /// `best_prec1`, `pruned_best_prec1`, docs/run-log.md); nil unless a fraction.
    func statedAccuracy(_ key: String) -> Double? {
        guard case let .number(value)? = header?.config.extra.first(where: { $0.key == key })?.value,
              value >= 0, value <= 1 else { return nil }
        return value
    }

    private static func change(_ before: Int?, _ after: Int?) -> Change? {
        guard let before, let after else { return nil }
        return Change(before: before, after: after)
    }

    /// The last measurement of `pass`: fine-tuned before pruned, later before earlier.
    func lastMeasure(pass: Int) -> Measurement? {
        let inPass = measures.filter { $0.pass == pass }
        return inPass.last { $0.phase == .finetune } ?? inPass.last
    }
}
