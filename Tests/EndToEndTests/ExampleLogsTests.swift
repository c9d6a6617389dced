import Testing
import Foundation

/// The real run logs committed under `reports/logs/` stay readable and drawable by the
/// current `slim-report`: every example in the README must keep working.
@Suite struct ExampleLogsTests {
    static let logs = gzippedLogs(in: "reports/logs")

    /// The `.log.gz` files in `folder` (relative to the repository root), sorted.
    static func gzippedLogs(in folder: String) -> [String] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../" + folder).standardized
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".log.gz") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    let report = ExecutableRunner(name: "slim-report")

    @Test func theExampleLogsAreThere() {
        #expect(Self.logs.count >= 5)
    }

    @Test(arguments: logs)
    func everyExampleLogChecksAndRenders(log: String) throws {
        let check = try report.run(["check", log])
        #expect(check.status == 0, "\(check.standardError)")
        let scratch = ScratchDirectory()
        for format in ["pdf", "html"] {
            let out = scratch.url.appendingPathComponent("report.\(format)").path
            let outcome = try report.run([log, "-o", out])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: out)).readData(ofLength: 5)
            #expect(String(decoding: head, as: UTF8.self) == (format == "pdf" ? "%PDF-" : "<!DOC"))
        }
    }

    @Test func theExampleLogsCompare() throws {
        let scratch = ScratchDirectory()
        let out = scratch.url.appendingPathComponent("comparison.pdf").path
        let outcome = try report.run(["compare"] + Self.logs + ["-o", out])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: out))
    }
}
