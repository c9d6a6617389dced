import Foundation
import Testing

/// A Markdown report and its chart folder appear together: concurrent writers of one page
/// never mix their charts, and a killed writer leaves no charts without a page.
@Suite struct MarkdownPublishingTests {
    let report = ExecutableRunner(name: "slim-report")

    /// Starts `slim-report` with `arguments` without waiting for it.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = report.url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The chart links of the page, as paths relative to its folder.
    static func links(_ page: String) -> [String] {
        page.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("!["), let open = line.firstIndex(of: "("), line.hasSuffix(")") else { return nil }
            return String(line[line.index(after: open)..<line.index(before: line.endIndex)])
        }
    }

    @Test func concurrentWritersNeverMixTheirCharts() throws {
        let scratch = ScratchDirectory()
        let page = scratch.url.appendingPathComponent("r.md").path
        let folder = scratch.url.appendingPathComponent("r-charts").path
        // Two runs with different chart sets (a DenseNet and a VGG: different layers, so
        // different per-layer figures).
        let logs = [HostileLogTests.path("../../reports/logs/densenet10-mnist5k.log.gz"), HostileLogTests.path("../../reports/logs/lambda-1e-3.log.gz")]
        for round in 0..<3 {
            let writers = try (0..<6).map { try start([logs[($0 + round) % 2], "-o", page]) }
            for w in writers { w.waitUntilExit(); #expect(w.terminationStatus == 0) }
            let links = Self.links(try String(contentsOfFile: page, encoding: .utf8))
            #expect(links.count >= 5)
            let versions = Set(links.map { $0.split(separator: "/")[1] })
            #expect(versions.count == 1)
            let version = try #require(versions.first)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [String(version)])
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/" + version)
            #expect(Set(files) == Set(links.map { String($0.split(separator: "/")[2]) }))
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["r-charts", "r.md"])
        }
    }

    @Test func aKilledWriterLeavesNoChartsWithoutAPage() throws {
        for delay in [0.02, 0.08, 0.2] {
            let scratch = ScratchDirectory()
            let page = scratch.url.appendingPathComponent("r.md").path
            let writer = try start([HostileLogTests.path("../../reports/logs/lambda-1e-3.log.gz"), "-o", page])
            Thread.sleep(forTimeInterval: delay)
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            let entries = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            // Either the whole report, or no page and no chart folder (a hidden staging
            // folder may stay behind).
            if entries.contains("r.md") {
                let links = Self.links(try String(contentsOfFile: page, encoding: .utf8))
                for link in links { #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(link).path)) }
            } else {
                #expect(!entries.contains("r-charts"), "\(entries)")
            }
        }
    }
}
