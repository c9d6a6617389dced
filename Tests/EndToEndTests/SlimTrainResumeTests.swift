import Foundation
import Testing
import SlimLog

/// Epoch checkpoints, resume after Ctrl-C, live output and the status word, on the real
/// `slim-train` (and `slim-report` for the status).
extension SlimTrainProcessTests {
    /// Four sparsity epochs, two passes of two fine-tune epochs on 8×8 digits: a few seconds.
    /// Training images of `smallRun`: enough that a run lasts a few seconds with the engine
    /// optimized, so a SIGINT lands inside a phase and a watcher sees several versions.
    static let smallRunImages = 8000

    func smallRun(_ data: String, out: String, epochs: Int = 4) -> [String] {
        ["--cfg", "4,M,8,M", "--dataset", "mnist", "--data-dir", data, "--epochs", String(epochs), "--finetune-epochs", "2",
         "--passes", "2", "--lambda", "1e-3", "--batch-size", "16", "--threads", "1", "--seed", "3", "--out", out]
    }

    /// What must match between two runs: every epoch's accuracies and every prune's widths and
    /// accuracies, as the analyzer keeps them (a resumed epoch replaces its first attempt).
    func outcome(_ log: String) throws -> [String] {
        var epochs: [String: String] = [:], order: [String] = [], prunes: [String] = []
        for event in try LogReader.readAll(path: log).events {
            switch event {
            case let .epoch(e):
                let key = "\(e.pass) \(e.phase) \(e.epoch)"
                if epochs[key] == nil { order.append(key) }
                epochs[key] = "\(key): step \(e.step) train \(e.trainAccuracy) test \(e.testAccuracy ?? -1) loss \(e.testLoss ?? -1)"
            case let .prune(p):
                prunes.append("prune \(p.pass): \(p.layers.map(\.after)) \(p.accuracyBefore ?? -1) → \(p.accuracyAfter ?? -1)")
            default: break
            }
        }
        return order.map { epochs[$0]! } + prunes
    }

    @Test func ctrlCInAPhaseThenResumeReproducesTheUninterruptedRun() async throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = try tinyDigits(train: Self.smallRunImages)
        let (whole, _) = try start(smallRun(data, out: root + "/whole"))
        whole.waitUntilExit()
        #expect(whole.terminationStatus == 0)

        let dir = root + "/cut"
        let (process, _) = try start(smallRun(data, out: dir))
        try await waitForLine("epoch", in: dir + "/run.log", process: process)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stopped = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .end(end)? = stopped.last else { Issue.record("no end line after SIGINT"); return }
        #expect(end.status == .stopped)
        let lastEpoch = stopped.compactMap { e -> EpochRecord? in if case let .epoch(r) = e { r } else { nil } }.last
        // The stop landed inside sparsity training, which has 4 epochs.
        let stoppedAt = lastEpoch.map { ($0.pass, $0.epoch) } ?? (-1, 0)
        #expect(stoppedAt.0 == 0 && stoppedAt.1 < 4, "\(stoppedAt)")
        #expect(FileManager.default.fileExists(atPath: dir + "/latest-epoch.safetensors"))

        let (resumed, errors) = try start(["--resume", dir])
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let events = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .resume(marker)? = events.first(where: { $0.type == "resume" }) else { Issue.record("no resume line"); return }
        // It continues after the last saved epoch instead of starting the phase again.
        let next = (lastEpoch?.epoch ?? 0) + 1
        #expect(marker.pass == 0)
        #expect(marker.epoch == next)
        #expect(marker.step == lastEpoch?.step)
        let first = try outcome(root + "/whole/run.log"), second = try outcome(dir + "/run.log")
        // 4 sparsity epochs, 2 × 2 fine-tune epochs, 2 prunes.
        #expect(first.count == 10)
        #expect(first == second)
    }

    @Test func epochLinesReachAPipeAsTheyHappenAndTheETACoversTheRun() async throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("slim-train")
        process.arguments = smallRun(try tinyDigits(train: Self.smallRunImages), out: root + "/run")
        process.environment = ProcessInfo.processInfo.environment.merging(["SLIM_BLAS_KERNEL": "default"]) { $1 }
        let output = Pipe(), errors = root + "/stderr"
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: errors)
        try process.run()
        // The first epoch line arrives while the process still runs.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("pass 0 sparsity epoch 1 "), process.isRunning {
            seen += output.fileHandleForReading.availableData
        }
        #expect(process.isRunning)
        process.waitUntilExit()
        let progress = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n")
        // Batch 1 has no history yet: no "ETA 0:00".
        let firstLine = String(progress.first ?? "")
        #expect(firstLine.contains("1/\(Self.smallRunImages / 16)"), "\(firstLine)")
        #expect(firstLine.hasSuffix("ETA …"), "\(firstLine)")
        // Once a second has passed, epoch ends show the whole run's time left.
        #expect(progress.contains { $0.contains(/ETA \d+:\d\d \(run\)$/) }, "\(progress)")
        #expect(!progress.contains { $0.contains("ETA 0:00 (run)") && $0.contains("epoch 1/4") })
    }

    /// Stopped, resumed, then killed: every tool says `incomplete`.
    @Test func aStoppedThenKilledRunIsIncompleteEverywhere() async throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/run"
        let (process, _) = try start(smallRun(try tinyDigits(train: Self.smallRunImages), out: dir))
        try await waitForLine("epoch", in: dir + "/run.log", process: process)
        process.interrupt()
        process.waitUntilExit()
        let (resumed, _) = try start(["--resume", dir])
        try await waitForLine("resume", in: dir + "/run.log", process: resumed)
        kill(resumed.processIdentifier, SIGKILL)
        resumed.waitUntilExit()
        let report = ExecutableRunner(name: "slim-report")
        let check = try report.run(["check", dir])
        #expect(check.standardOutput.contains("status         incomplete: no 'end' event"), "\(check.standardOutput)")
        let summary = try report.run(["summary", dir, "--format", "json"])
        #expect(summary.standardOutput.contains("\"status\":\"incomplete\""), "\(summary.standardOutput.prefix(300))")
        let markdown = try report.run([dir, "-o", root + "/r.md", "-q"])
        #expect(markdown.status == 0)
        #expect(try String(contentsOfFile: root + "/r.md", encoding: .utf8).contains("Status 'incomplete'"))
    }
}
