import SlimLog
import SlimPruning

extension RunAnalysis {
    /// The snapshot the first prune took its threshold from: the last one of the first pass
    /// that has snapshots (the end of sparsity training), or the last snapshot when nothing was
    /// pruned yet. The report's what-if chart and `whatif` sweep it by default.
    public var pruneSnapshot: GammaSnapshot? {
        let firstPass = gammas.first?.pass ?? 0
        return gammas.last { $0.pass == firstPass } ?? gammas.last
    }

    /// The snapshot `whatif` sweeps: the last of `pass` (at `epoch`, when given), or by default
    /// the one the first prune used (`pruneSnapshot`); `epoch` alone looks in the first pass.
    public func whatIfSnapshot(pass: Int? = nil, epoch: Int? = nil) throws(AnalysisError) -> GammaSnapshot {
        guard !gammas.isEmpty else { throw .noGammaSnapshot(run: name) }
        if pass == nil, epoch == nil, let snapshot = pruneSnapshot { return snapshot }
        let chosenPass = pass ?? gammas[0].pass
        let inPass = gammas.filter { $0.pass == chosenPass }
        guard !inPass.isEmpty else {
            throw .passNotFound(run: name, pass: chosenPass, available: Array(Set(gammas.map(\.pass))).sorted())
        }
        guard let epoch else { return inPass[inPass.count - 1] }
        guard let snapshot = inPass.last(where: { $0.epoch == epoch }) else {
            throw .epochNotFound(run: name, pass: chosenPass, epoch: epoch, available: Array(Set(inPass.map(\.epoch))).sorted())
        }
        return snapshot
    }

    /// The sweep of the snapshot `whatIfSnapshot(pass:epoch:)` picks. `roundTo` > 1 rounds
    /// every point's kept widths up to that multiple (`WidthRounding`).
    public func whatIf(ratios: [Double] = WhatIfSweep.defaultRatios, pass: Int? = nil, epoch: Int? = nil,
                       roundTo: Int = 1) throws(AnalysisError) -> WhatIfSweep {
        let rounding: WidthRounding?
        do { rounding = roundTo == 1 ? nil : try WidthRounding(multiple: roundTo) } catch { throw .pruning(error) }
        let snapshot = try whatIfSnapshot(pass: pass, epoch: epoch)
        let architecture = try self.architecture(pass: snapshot.pass)
        let channels = Dictionary(architecture.layers.filter { $0.op == .batchnorm2d }.map { ($0.name, $0.outShape.first ?? 0) },
                                  uniquingKeysWith: { a, _ in a })
        for vector in snapshot.layers {
            guard let width = channels[vector.layer] else {
                throw .gammaMismatch(run: name, step: snapshot.step, layer: vector.layer,
                                     problem: "no BN layer of that name in the architecture of pass \(snapshot.pass)")
            }
            guard width == vector.values.count else {
                throw .gammaMismatch(run: name, step: snapshot.step, layer: vector.layer,
                                     problem: "\(vector.values.count) γ values for \(width) channels")
            }
        }
        var sweep = try WhatIfSweep(snapshot: snapshot, architecture: architecture,
                                    prunable: prunableChannels(of: snapshot), ratios: ratios, rounding: rounding)
        // The prune of pass k + 1 thresholds the last snapshot of pass k.
        let lastOfPass = gammas.last { $0.pass == snapshot.pass }
        if lastOfPass == snapshot, prunes.contains(where: { $0.pass == snapshot.pass + 1 }) { sweep.usedByPrune = snapshot.pass + 1 }
        return sweep
    }
}
