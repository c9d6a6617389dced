import SlimLog
@testable import SlimAnalysis

/// A small one-pass run, written as the events a log would hold.
///
/// Network: conv 1→4, conv 4→4, pool, conv 4→8 (each with BN and ReLU), GAP, linear 8→3,
/// on 1×8×8 inputs. Pooled |γ| at the end of sparsity training (16 channels), sorted:
/// 0.0001 0.0005 0.001 0.002 0.003 0.004 0.01 0.02 0.3 0.4 0.5 0.6 0.7 0.8 0.9 0.9.
/// Ratio 0.5 → index 8 → threshold 0.3, keeping 2 + 1 + 4 channels.
enum SampleRun {
    static let cfg = ["4", "4", "M", "8"]
    static let prunedCfg = ["2", "1", "M", "4"]
    static let finalGammas: [String: [Float]] = [
        "feature.1": [0.9, 0.001, 0.5, 0.02],
        "feature.4": [0.003, 0.004, 0.6, 0.0005],
        "feature.8": [0.7, 0.8, 0.002, 0.3, 0.01, 0.4, 0.0001, 0.9],
    ]
    static let bnOrder = ["feature.1", "feature.4", "feature.8"]

    static func architecture(_ cfg: [String], pass: Int) -> Architecture {
        var a = Networks.vgg(cfg, input: [1, 8, 8], classes: 3)
        a.pass = pass
        return a
    }

    static func header(name: String = "sample", seed: UInt64 = 1, lambda: Double = 1e-3) -> RunHeader {
        RunHeader(runID: "run-\(name)", name: name, created: "2026-11-25T07:00:00Z",
                  engine: Engine(name: "slim-train", version: "0.1.0"),
                  config: RunConfig(model: "tiny-vgg", cfg: cfg, dataset: "mnist-5k", lambda: lambda,
                                    pruneRatio: 0.5, passes: 1, epochs: 2, finetuneEpochs: 1, seed: seed),
                  input: InputShape(channels: 1, height: 8, width: 8), classes: 3)
    }

    static func snapshot(pass: Int, phase: Phase, epoch: Int, step: Int, scale: Float) -> GammaSnapshot {
        GammaSnapshot(pass: pass, phase: phase, epoch: epoch, step: step,
                      layers: bnOrder.map { GammaVector(layer: $0, values: finalGammas[$0]!.map { $0 * scale }) })
    }

    static let prune = PruneRecord(
        pass: 1, ratio: 0.5, threshold: 0.3, thresholdIndex: 8, totalChannels: 16,
        layers: [PrunedLayer(layer: "feature.1", before: 4, after: 2, kept: [0, 2]),
                 PrunedLayer(layer: "feature.4", before: 4, after: 1, kept: [2]),
                 PrunedLayer(layer: "feature.8", before: 8, after: 4, kept: [0, 1, 5, 7])],
        accuracyBefore: 0.95, accuracyAfter: 0.80, compensation: "beta", accuracyAfterUncompensated: 0.6)

    /// The whole log; `finalAccuracy` is the fine-tuned test accuracy.
    static func events(name: String = "sample", seed: UInt64 = 1, finalAccuracy: Double = 0.94,
                       recordPrunedArchitecture: Bool = true) -> [Event] {
        var events: [Event] = [.run(header(name: name, seed: seed)), .architecture(architecture(cfg, pass: 0))]
        events.append(.measure(Measurement(pass: 0, phase: .sparsity,
                                           latency: [Latency(batch: 1, medianMs: 2.0)], peakMemoryBytes: 1000)))
        events.append(.epoch(EpochRecord(pass: 0, phase: .sparsity, epoch: 1, step: 10, lr: 0.1, trainLoss: 1,
                                         trainAccuracy: 0.8, testLoss: 0.9, testAccuracy: 0.85, seconds: 1)))
        events.append(.gamma(snapshot(pass: 0, phase: .sparsity, epoch: 1, step: 10, scale: 2)))
        events.append(.epoch(EpochRecord(pass: 0, phase: .sparsity, epoch: 2, step: 20, lr: 0.1, trainLoss: 0.5,
                                         trainAccuracy: 0.9, testLoss: 0.4, testAccuracy: 0.95, seconds: 1)))
        events.append(.gamma(snapshot(pass: 0, phase: .sparsity, epoch: 2, step: 20, scale: 1)))
        events.append(.prune(prune))
        if recordPrunedArchitecture { events.append(.architecture(architecture(prunedCfg, pass: 1))) }
        events.append(.measure(Measurement(pass: 1, phase: .pruned, latency: [Latency(batch: 1, medianMs: 1.8)])))
        events.append(.epoch(EpochRecord(pass: 1, phase: .finetune, epoch: 1, step: 30, lr: 0.01, trainLoss: 0.4,
                                         trainAccuracy: 0.92, testLoss: 0.45, testAccuracy: finalAccuracy, seconds: 1)))
        events.append(.measure(Measurement(pass: 1, phase: .finetune, latency: [Latency(batch: 1, medianMs: 1.5)],
                                           peakMemoryBytes: 600)))
        events.append(.end(RunEnd(status: .completed, seconds: 3)))
        return events
    }

    static func analysis(_ events: [Event] = events(), source: String = "sample.log") throws -> RunAnalysis {
        var accumulator = RunAccumulator(source: source)
        for e in events { accumulator.add(e) }
        return try accumulator.finish()
    }
}
