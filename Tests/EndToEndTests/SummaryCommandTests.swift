import Testing
import Foundation
import SlimLog

/// Runs the built `slim-report summary` and `whatif` on logs written with `LogWriter`.
@Suite struct SummaryCommandTests {
    /// The executable next to the test bundle, as SwiftPM lays out its build products.
    static let executable = Bundle.main.bundleURL.appendingPathComponent("slim-report").path

    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("slim-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A one-pass run of conv(1→4) → BN → ReLU → GAP → linear(4→2) on 1×4×4 inputs; `end` decides
    /// whether the log is complete.
    func writeLog(_ name: String, seed: UInt64, accuracy: Double, end: Bool = true) throws -> String {
        let path = directory.appendingPathComponent(name).path
        let writer = try LogWriter(path: path, mode: .create)
        func arch(_ width: Int, pass: Int) -> Architecture {
            Architecture(pass: pass, layers: [
                Layer(name: "conv", op: .conv2d, inShape: [1, 4, 4], outShape: [width, 4, 4], kernel: [3, 3],
                      stride: [1, 1], padding: [1, 1], groups: 1, bias: false),
                Layer(name: "bn", op: .batchnorm2d, inShape: [width, 4, 4], outShape: [width, 4, 4], prunable: true),
                Layer(name: "relu", op: .relu, inShape: [width, 4, 4], outShape: [width, 4, 4]),
                Layer(name: "gap", op: .globalAvgpool, inShape: [width, 4, 4], outShape: [width]),
                Layer(name: "fc", op: .linear, inShape: [width], outShape: [2], bias: true),
            ])
        }
        let config = RunConfig(model: "tiny", dataset: "synthetic", lambda: 1e-3, pruneRatio: 0.25, passes: 1, seed: seed)
        try writer.append(.run(RunHeader(runID: name, name: "run \(seed)", created: "2026-11-25T08:00:00Z",
                                         engine: Engine(name: "test", version: "1"), config: config,
                                         input: InputShape(channels: 1, height: 4, width: 4), classes: 2)))
        try writer.append(.architecture(arch(4, pass: 0)))
        try writer.append(.epoch(EpochRecord(pass: 0, phase: .sparsity, epoch: 1, step: 5, lr: 0.1, trainLoss: 0.5,
                                             trainAccuracy: 0.8, testAccuracy: 0.9, seconds: 1)))
        try writer.append(.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 5,
                                               layers: [GammaVector(layer: "bn", values: [0.5, 0.001, -0.4, 0.002])])))
        try writer.append(.prune(PruneRecord(pass: 1, ratio: 0.25, threshold: 0.002, thresholdIndex: 1, totalChannels: 4,
                                             layers: [PrunedLayer(layer: "bn", before: 4, after: 2, kept: [0, 2])],
                                             accuracyBefore: 0.9, accuracyAfter: 0.7)))
        try writer.append(.architecture(arch(2, pass: 1)))
        try writer.append(.epoch(EpochRecord(pass: 1, phase: .finetune, epoch: 1, step: 10, lr: 0.01, trainLoss: 0.4,
                                             trainAccuracy: 0.85, testAccuracy: accuracy, seconds: 1)))
        if end { try writer.append(.end(RunEnd(status: .completed, seconds: 2))) }
        return path
    }

    @Test func summaryPrintsEveryFormat() throws {
        let a = try writeLog("a.log", seed: 1, accuracy: 0.88)
        // conv 36 + bn 8 + fc 10 = 54 → conv 18 + bn 4 + fc 6 = 28.
        let json = try run(["summary", a, "--format", "json"])
        #expect(json.status == 0)
        #expect(json.out.contains("{\"pass\":1,\"params\":28,"))
        #expect(json.out.contains("\"widths\":{\"bn\":2},\"accuracy\":{\"before_prune\":0.9,\"after_prune\":0.7,\"after_prune_uncompensated\":null,\"after_finetune\":0.88}"))
        let csv = try run(["summary", a, "--format=csv"])
        let last = String(csv.out.split(separator: "\n").last ?? "")
        // MACs: conv 2·16·9 = 288, linear 2·2 = 4.
        #expect(last.hasPrefix("run 1,\(a),1,28,4,292,584,"))
        #expect(last.hasSuffix(",0.9,0.7,0.88,,,2"))
        let text = try run(["summary", a])
        #expect(text.status == 0)
        #expect(text.out.contains("FLOPs = 2 × MACs of conv and linear layers"))
        #expect(text.out.contains("bn          4       2  50.0 %"))
        let markdown = try run(["summary", a, "--format", "markdown"])
        #expect(markdown.out.hasPrefix("## run 1 — completed\n"))
    }

    @Test func severalLogsAreCompared() throws {
        let a = try writeLog("a.log", seed: 1, accuracy: 0.88)
        let b = try writeLog("b.log", seed: 2, accuracy: 0.86)
        let result = try run(["summary", a, b, "--label", "first", "--label", "second"])
        #expect(result.status == 0)
        #expect(result.out.contains("Comparison of 2 runs"))
        #expect(result.out.contains("Runs differing only by seed: first, second"))
        #expect(result.out.contains("final accuracy  87.00 %  1.41 %  86.00 %  88.00 %"))
    }

    @Test func whatIfSweepsTheSnapshot() throws {
        let a = try writeLog("a.log", seed: 1, accuracy: 0.88)
        let result = try run(["whatif", a, "--ratios", "0.25,0.5,0.75", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines[0] == "ratio,threshold,threshold_index,params,macs,flops,params_saved,flops_saved,collapsed,snapshot_pass,snapshot_phase,snapshot_epoch,snapshot_step,width:bn")
        // |γ| sorted 0.001 0.002 0.4 0.5: ratio 0.25 → index 1 reproduces the recorded prune.
        #expect(lines[1].hasPrefix("0.25,0.002,1,28,"))
        #expect(lines[2].hasPrefix("0.5,0.4,2,15,"))
        // The snapshot the prune used: the last of pass 0 (sparsity, epoch 1, step 5).
        #expect(lines[3].hasSuffix(",bn,0,sparsity,1,5,0"))
    }

    @Test func aPartialLogIsSummarizedWithANote() throws {
        let a = try writeLog("partial.log", seed: 1, accuracy: 0.88, end: false)
        let result = try run(["summary", a])
        #expect(result.status == 0)
        #expect(result.out.contains("Note: the log has no end event"))
    }

    @Test func badInputGivesClearErrors() throws {
        let missing = directory.appendingPathComponent("missing.log").path
        let result = try run(["summary", missing])
        #expect(result.status == 1)
        #expect(result.err == "slim-report: error: \(missing): cannot open (no such file); check the path\n")
        #expect(result.out.isEmpty)
        let garbage = directory.appendingPathComponent("garbage.log").path
        try Data("{\"type\":\"run\",\"schema\":\"slim-run/1\"\nnot json\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try run(["summary", garbage])
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("slim-report: error: \(garbage):1:"))
        let a = try writeLog("a.log", seed: 1, accuracy: 0.88)
        let usage = try run(["whatif", a, "--ratios", "0.5,1"])
        #expect(usage.status == 2)
        #expect(usage.err.hasPrefix("slim-report whatif: error: option '--ratios' expects ratios in [0, 1), got 1.0\n"))
        let format = try run(["summary", a, "--format", "yaml"])
        #expect(format.status == 2)
        #expect(format.err.hasPrefix("slim-report summary: error: option '--format' expects one of text, markdown, json, csv, got 'yaml'\n"))
        let pass = try run(["whatif", a, "--pass", "4"])
        #expect(pass.status == 1)
        #expect(pass.err == "slim-report: error: run 1: pass 4 is not in the log; available passes: 0\n")
    }
}
