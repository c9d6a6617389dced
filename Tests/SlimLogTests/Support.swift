import Foundation
@testable import SlimLog

/// A scratch directory removed when the value goes away.
final class ScratchDirectory {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("slimlog-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = path(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }
}

enum Samples {
    static let header = RunHeader(
        runID: "r1", name: "mnist-vgg λ=1e-3 \"quoted\" <b>", created: "2026-11-25T07:00:00Z",
        engine: Engine(name: "slim-train", version: "0.1.0"),
        config: RunConfig(model: "mnist-vgg", cfg: ["32", "M", "64"], dataset: "mnist-5k", lambda: 1e-3,
                          pruneRatio: 0.5, passes: 1, epochs: 10, finetuneEpochs: 5, batchSize: 64,
                          learningRate: 0.1, lrMilestones: [0.5, 0.75], lrGamma: 0.1, momentum: 0.9,
                          weightDecay: 1e-4, seed: 42, threads: 2, minChannels: 1, maxLayerRatio: nil, compensation: "beta",
                          gammaEvery: 50, extra: [("optimizer", .string("sgd")), ("nested", .object([("a", .array([.number(1), .null]))]))]),
        input: InputShape(channels: 1, height: 28, width: 28), classes: 10,
        environment: [("cpu", .string("AMD EPYC")), ("cores", .number(2))])

    static let runLine = String(decoding: Event.run(header).jsonLine, as: UTF8.self)

    static var events: [Event] {
        [
            .run(header),
            .architecture(Architecture(pass: 0, layers: [
                Layer(name: "feature.0", op: .conv2d, inShape: [1, 28, 28], outShape: [32, 28, 28], kernel: [3, 3],
                      stride: [1, 1], padding: [1, 1], groups: 1, bias: false),
                Layer(name: "feature.1", op: .batchnorm2d, inShape: [32, 28, 28], outShape: [32, 28, 28], prunable: true),
                Layer(name: "sum", op: .add, inputs: ["feature.1", "feature.0"], inShape: [32, 28, 28], outShape: [32, 28, 28]),
                Layer(name: "sel", op: .select, inShape: [32, 28, 28], outShape: [2, 28, 28], selected: [3, 9]),
                Layer(name: "classifier", op: .linear, inShape: [1568], outShape: [10], bias: true),
            ])),
            .epoch(EpochRecord(pass: 0, phase: .sparsity, epoch: 1, step: 63, lr: 0.1, trainLoss: .nan,
                               trainAccuracy: 0.85, testLoss: .infinity, testAccuracy: nil, seconds: 3.25)),
            .gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 63, layers: [
                GammaVector(layer: "feature.1", values: [0.5, -0.0012, 1e-30, .nan, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
                GammaVector(layer: "feature.4", values: []),
            ])),
            .prune(PruneRecord(pass: 1, ratio: 0.5, threshold: 0.0123, thresholdIndex: 224, totalChannels: 448,
                               layers: [PrunedLayer(layer: "feature.1", before: 32, after: 2, kept: [0, 3]),
                                        PrunedLayer(layer: "feature.4", before: 4, after: 1, kept: [2], guardApplied: "min_channels")],
                               accuracyBefore: 0.98, accuracyAfter: 0.5, lossBefore: 0.07, lossAfter: -.infinity,
                               compensation: "beta", accuracyAfterUncompensated: 0.25, lossAfterUncompensated: 1.5,
                               warnings: ["feature.4: kept 1"])),
            .measure(Measurement(pass: 1, phase: .pruned, latency: [Latency(batch: 1, medianMs: 0.81, minMs: 0.7, maxMs: 1.3, repeats: 30),
                                                                    Latency(batch: 64, medianMs: 21.5)],
                                 peakMemoryBytes: 52_428_800, modelBytes: 180_224, params: 44_810)),
            .resume(ResumeMarker(created: "2026-11-25T07:10:00Z", pass: 1, phase: .finetune, epoch: 3, step: 900)),
            .warning(RunWarning(message: "a \"quoted\" note", pass: 1)),
            .scalar(ScalarPoint(pass: 1, phase: .finetune, epoch: 3, step: 901, name: "penalty λΣ|γ|", value: 0.0125)),
            .scalar(ScalarPoint(pass: 1, phase: .finetune, epoch: 3, step: nil, name: "lr", value: .nan)),
            .end(RunEnd(status: .failed, seconds: 123.4, error: "diverged\nbadly")),
        ]
    }
}
