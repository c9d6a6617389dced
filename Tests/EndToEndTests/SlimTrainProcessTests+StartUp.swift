import Foundation
import Testing

/// A start that fails leaves no run.log; a folder whose log holds no training can be started
/// again or resumed; file-system errors are one line naming the path.
extension SlimTrainProcessTests {
    func runToEnd(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("slim-train")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SLIM_BLAS_KERNEL": "default"]) { $1 }
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/out", contents: nil)
        FileManager.default.createFile(atPath: root + "/err", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: root + "/out")
        process.standardError = FileHandle(forWritingAtPath: root + "/err")
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOfFile: root + "/out", encoding: .utf8),
                try String(contentsOfFile: root + "/err", encoding: .utf8))
    }

    @Test func aFailedStartLeavesNoLog() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for dataset in [["--dataset", "bogus"], ["--dataset", "mnist"]] {
            let result = try runToEnd(Self.tiny + dataset + ["--out", dir + "/run"])
            // A dataset slim-train does not know, or cannot find without --data-dir, is a usage error.
            #expect(result.status == 2)
            #expect(result.errors.hasPrefix("slim-train train: error: option '--dataset"), "\(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/run/run.log"))
        }
    }

    @Test func fileSystemErrorsAreOneLineNamingThePath() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/file", contents: Data("x".utf8))
        let onFile = try runToEnd(Self.tiny + ["--out", dir + "/file"])
        #expect(onFile.status == 1)
        #expect(onFile.errors == "slim-train: error: \(dir)/file: cannot write (it is a file; --out names the folder the run writes to)\n")
        let under = try runToEnd(Self.tiny + ["--out", dir + "/file/run"])
        #expect(under.status == 1)
        #expect(under.errors == "slim-train: error: \(dir)/file/run: cannot write (cannot create the folder: Not a directory)\n")
    }

    @Test func anEmptyOrHeaderOnlyLogStartsAfresh() throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/run.log", contents: nil)
        let resumeEmpty = try runToEnd(["--resume", dir])
        #expect(resumeEmpty.status == 1)
        #expect(resumeEmpty.errors == "slim-train: error: cannot resume \(dir): its run.log is empty (the run stopped before recording its settings); start it again with its options and --out \(dir)\n")
        let fresh = try runToEnd(["--cfg", "2,M,4,M", "--epochs", "1", "--finetune-epochs", "1", "--passes", "1",
                                  "--lambda", "1e-3", "--threads", "1", "--out", dir])
        #expect(fresh.status == 0, "\(fresh.errors)")
        #expect(fresh.output.hasPrefix("\(dir)/run.log holds no training (it is empty); starting the run afresh\n"))
        // Cut back to its header lines (what a kill before the first epoch leaves) and resumed.
        let log = try String(contentsOfFile: dir + "/run.log", encoding: .utf8).split(separator: "\n")
        let header = log.prefix { !$0.contains("\"type\":\"epoch\"") }.filter { !$0.contains("\"type\":\"gamma\"") }
        try (header.joined(separator: "\n") + "\n").write(toFile: dir + "/run.log", atomically: true, encoding: .utf8)
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasSuffix(".safetensors") {
            try FileManager.default.removeItem(atPath: dir + "/" + file)
        }
        let resumed = try runToEnd(["--resume", dir])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(resumed.output.hasPrefix("\(dir)/run.log holds only its header (the run stopped before training); starting it afresh with its settings\n"))
        let again = try String(contentsOfFile: dir + "/run.log", encoding: .utf8)
        #expect(again.components(separatedBy: "\"type\":\"run\"").count == 2)
        #expect(again.contains("\"type\":\"end\",\"status\":\"completed\""))
    }
}
