import Foundation
import Testing

/// `slim-report watch` against a `slim-train` run in progress.
extension SlimTrainProcessTests {
    @Test func watchFollowsARunAndSettlesOnTheFinalReport() async throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/run", page = root + "/live.html"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let watch = Process()
        watch.executableURL = Self.productsDirectory.appendingPathComponent("slim-report")
        watch.arguments = ["watch", dir, "-o", page, "--interval", "1"]
        watch.standardOutput = FileHandle.nullDevice
        watch.standardError = FileHandle.nullDevice
        try watch.run()
        // Long enough (several seconds) for renders a second apart to see the run change.
        let (train, _) = try start(smallRun(try tinyDigits(train: Self.smallRunImages), out: dir, epochs: 12))
        var versions: [String] = []
        while watch.isRunning {
            if let text = try? String(contentsOfFile: page, encoding: .utf8), text != versions.last { versions.append(text) }
            try await Task.sleep(for: .milliseconds(100))
        }
        train.waitUntilExit()
        #expect(watch.terminationStatus == 0)
        if let text = try? String(contentsOfFile: page, encoding: .utf8), text != versions.last { versions.append(text) }
        // The page changed at least twice while the run went on, and reloaded itself meanwhile.
        #expect(versions.count >= 3, "\(versions.count) versions")
        #expect(versions.dropLast().allSatisfy { $0.contains("<meta http-equiv=\"refresh\" content=\"1\">") })
        // It settles on the final report: no reload, the same page a report written now gives.
        let final = root + "/final.html"
        let report = try ExecutableRunner(name: "slim-report").run([dir, "-o", final])
        #expect(report.status == 0)
        // Cairo numbers its surfaces and images per process: compare without those counters.
        let counters = /(surface|image|glyph|clip|mask|source|pattern)[0-9-]+/
        let settled = versions.last?.replacing(counters) { $0.output.1 }
        #expect(settled == (try String(contentsOfFile: final, encoding: .utf8)).replacing(counters) { $0.output.1 })
        #expect(versions.last?.contains("http-equiv") == false)
    }
}
