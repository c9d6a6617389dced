import Foundation
import Testing
import SlimLog

/// Runs the real `slim-train` executable: stopping with SIGINT, surviving kill -9, resuming,
/// and refusing bad options. Uses a tiny VGG so every run takes seconds.
@Suite(.serialized) struct SlimTrainProcessTests {
    static let tiny = ["--cfg", "2,M,4,M", "--epochs", "2", "--finetune-epochs", "1", "--passes", "2",
                       "--lambda", "1e-3", "--threads", "1", "--measure-rounded", "none"]

    /// The folder SwiftPM put the built products in.
    static var productsDirectory: URL {
        var url = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("slim-train").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }

    func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("slim-train")
        process.arguments = arguments
        // A debug build would take minutes to calibrate the OpenBLAS kernels on a new machine.
        process.environment = ProcessInfo.processInfo.environment.merging(["SLIM_BLAS_KERNEL": "default"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// Waits until the log holds a line of `type` (or the process ended).
    func waitForLine(_ type: String, in log: String, process: Process) async throws {
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: log, encoding: .utf8), text.contains("\"type\":\"\(type)\"") { return }
            if !process.isRunning { return }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("slim-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Same seed, same run, on two threads too: every epoch, γ and prune line repeats bit for bit.
    @Test func sameSeedSameRun() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var logs: [[String]] = []
        for name in ["a", "b"] {
            let (process, _) = try start(["--cfg", "4,M,8,M", "--epochs", "2", "--finetune-epochs", "1", "--lambda", "1e-3",
                                          "--threads", "2", "--seed", "7", "--measure-rounded", "none", "--out", "\(root)/\(name)"])
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let lines = try String(contentsOfFile: "\(root)/\(name)/run.log", encoding: .utf8).split(separator: "\n")
            logs.append(lines.filter { $0.contains("\"type\":\"gamma\"") || $0.contains("\"type\":\"prune\"") }.map(String.init)
                        + lines.filter { $0.contains("\"type\":\"epoch\"") }.map { String($0).replacing(/"seconds":[^,}]*/, with: "") })
        }
        #expect(logs[0].count > 5)
        #expect(logs[0] == logs[1])
    }

    /// Every `measure` comes from a fresh `measure-model` process, which leaves no files behind.
    @Test func measurementsRunInAFreshProcess() throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, errors) = try start(["--cfg", "2,M,4,M", "--epochs", "1", "--finetune-epochs", "1", "--threads", "1", "--measure-rounded", "none", "--out", dir])
        process.waitUntilExit()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(!problems.contains("measuring in this process instead"), "\(problems)")
        let measures = try LogReader.readAll(path: dir + "/run.log").events.compactMap { e -> SlimLog.Measurement? in
            if case let .measure(m) = e { return m } else { return nil }
        }
        #expect(measures.map(\.phase) == [.sparsity, .pruned, .finetune])
        #expect(measures.allSatisfy { ($0.peakMemoryBytes ?? 0) > 1_000_000 && $0.latency.map(\.batch) == [1, 64] })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".measure") }.isEmpty)

        let (child, _) = try start(["measure-model", "--checkpoint", dir + "/pass1-pruned.safetensors", "--threads", "1"])
        child.waitUntilExit()
        #expect(child.terminationStatus == 0)
        let (missing, missingErrors) = try start(["measure-model", "--checkpoint", dir + "/none.safetensors"])
        missing.waitUntilExit()
        #expect(missing.terminationStatus != 0)
        let message = String(decoding: missingErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains(dir + "/none.safetensors"), "\(message)")
    }

    @Test func sigintStopsCleanlyAndResumeCompletesTheSameLog() async throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, _) = try start(Self.tiny + ["--out", dir])
        // The first `measure` line comes right before training starts: the signal lands in
        // epoch 1, and the run stops when that epoch ends.
        try await waitForLine("measure", in: dir + "/run.log", process: process)
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stopped = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .end(end)? = stopped.last else { Issue.record("no end line after SIGINT"); return }
        #expect(end.status == .stopped)

        let (resumed, _) = try start(["--resume", dir])
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0)
        let events = try LogReader.readAll(path: dir + "/run.log").events
        #expect(events.filter { $0.type == "resume" }.count == 1)
        #expect(events.filter { $0.type == "prune" }.count == 2)
        guard case let .end(last)? = events.last else { Issue.record("no end line after resume"); return }
        #expect(last.status == .completed)
    }

    @Test func killNineLeavesAReadableLogThatResumes() async throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, _) = try start(Self.tiny + ["--out", dir])
        try await waitForLine("measure", in: dir + "/run.log", process: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let prefix = try LogReader.readAll(path: dir + "/run.log").events
        #expect(prefix.first?.type == "run")
        #expect(!prefix.contains { $0.type == "end" })
        let (resumed, _) = try start(["--resume", dir])
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0)
        let events = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .end(last)? = events.last else { Issue.record("no end line after resume"); return }
        #expect(last.status == .completed)
    }

    /// Random 8×8 digits in the MNIST IDX layout (`train` to train, 32 to test), so ResNet and
    /// DenseNet runs take seconds even in a debug build.
    func tinyDigits(train: Int = 96) throws -> String {
        let dir = try scratch() + "/digits"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func idx(_ dims: [Int], _ bytes: [UInt8]) -> Data {
            Data([0, 0, 8, UInt8(dims.count)] + dims.flatMap { d in (0..<4).reversed().map { UInt8((d >> (8 * $0)) & 0xff) } } + bytes)
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for (prefix, count) in [("train", train), ("t10k", 32)] {
            let pixels = (0..<(count * 64)).map { _ -> UInt8 in
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                return UInt8(truncatingIfNeeded: state)
            }
            try idx([count, 8, 8], pixels).write(to: URL(fileURLWithPath: "\(dir)/\(prefix)-images-idx3-ubyte"))
            try idx([count], (0..<count).map { UInt8($0 % 10) }).write(to: URL(fileURLWithPath: "\(dir)/\(prefix)-labels-idx1-ubyte"))
        }
        return dir
    }

    /// Stopped after its first prune, a ResNet or DenseNet run resumes from the slimmed
    /// checkpoint (channel selections included) and finishes its second pass.
    @Test(arguments: ["resnet11", "densenet7"])
    func aSlimmedGraphRunResumesFromItsCheckpoint(model: String) async throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (process, _) = try start(["--model", model, "--dataset", "mnist", "--data-dir", try tinyDigits(), "--epochs", "2",
                                      "--finetune-epochs", "2", "--passes", "2", "--lambda", "1e-3", "--batch-size", "16",
                                      "--threads", "1", "--out", dir])
        try await waitForLine("prune", in: dir + "/run.log", process: process)
        process.interrupt()
        process.waitUntilExit()
        let stopped = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .end(end)? = stopped.last else { Issue.record("no end line after SIGINT"); return }
        #expect(end.status == .stopped)
        #expect(FileManager.default.fileExists(atPath: dir + "/pass1-pruned.safetensors"))

        let (resumed, errors) = try start(["--resume", dir])
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let events = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .resume(marker)? = events.first(where: { $0.type == "resume" }) else { Issue.record("no resume line"); return }
        #expect(marker.pass == 1 && marker.phase == .finetune)
        #expect(events.filter { $0.type == "prune" }.count == 2)
        guard case let .end(last)? = events.last else { Issue.record("no end line after resume"); return }
        #expect(last.status == .completed)
    }

    @Test(arguments: [
        (["--prune-ratio", "1.2"], "option '--prune-ratio': the ratio must be in [0, 1), got 1.2"),
        (["--lambda", "-1"], "option '--lambda': λ must be a finite number ≥ 0, got -1.0"),
        (["--model", "alexnet"], "unknown model 'alexnet'; use one of vgg11, vgg13, vgg16, vgg19, mnist-small, mnist-vgg, resnet20, resnet56, resnet164, densenet40, densenet40-paper or give --cfg"),
        (["--model", "resnet21"], "model 'resnet21' has an invalid depth: pre-activation ResNets need depth 9n + 2 with n ≥ 1 (11, 20, 29, 38, …, 164); the nearest are resnet20 and resnet29"),
        (["--model", "densenet12"], "model 'densenet12' has an invalid depth: DenseNets need depth 3n + 4 with n ≥ 1 (7, 10, 13, 16, …, 40); the nearest are densenet10 and densenet13"),
        (["--epochs", "many"], "option '--epochs' expects a whole number, got 'many'"),
        (["--compensation", "mean"], "option '--compensation': unknown value 'mean'; use beta or none"),
        (["--threads", "0"], "option '--threads' must be ≥ 1, got 0"),
    ])
    func badOptionsAreUsageErrorsNamingTheOption(arguments: [String], message: String) throws {
        let (process, errors) = try start(arguments + ["--out", try scratch() + "/never"])
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(text.hasPrefix("slim-train train: error: \(message)\n"))
    }

    @Test(arguments: [["train", "--epochs", "1"], ["plan"], ["measure-model"]])
    func aCfgTooLargeToBuildIsRefusedAtOnce(_ command: [String]) throws {
        let out = command[0] == "train" ? ["--out", try scratch() + "/x"]
            : command[0] == "plan" ? ["-o", try scratch() + "/arch.log"] : []
        for (cfg, limit) in [("64,99999999", "1073741824 convolution weights"), ("99999999", "4194304 activations per image")] {
            let (process, errors) = try start(Array(command.dropFirst(command[0] == "train" ? 1 : 0)) + ["--cfg", cfg] + out)
            process.waitUntilExit()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 2)
            #expect(text.hasPrefix("slim-train \(command[0]): error: option '--cfg': \(cfg) has more than \(limit); "
                                   + "give narrower widths\n"), "\(text)")
        }
    }

    @Test func aCfgThatDoesNotFitTheInputIsRefused() throws {
        let (process, errors) = try start(["--cfg", "4,M,M,M,M,M", "--epochs", "1", "--out", try scratch() + "/x"])
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(text.hasPrefix("slim-train train: error: option '--cfg': 4,M,M,M,M,M does not fit the 28×28 images of mnist-5k: its pools would shrink them below 1×1; use at most 4 M\n"))
    }
}
