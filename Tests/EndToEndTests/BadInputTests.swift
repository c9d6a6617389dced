import Foundation
import Testing

/// The committed corpus of issue 14's bad inputs (Tests/BadInputs, made by make-corpus.py):
/// every class gets its exact one-line message, naming the file, from `check` and from the
/// commands that draw or analyze a log (what `check` refuses no command accepts, and the
/// other way round), with exit 1; the good ones are accepted by all of them.
@Suite struct BadInputTests {
    let report = ExecutableRunner(name: "slim-report")

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../BadInputs").standardized

    /// `expected.tsv`: file, tab, the message with PATH for the file's path ("valid" for a
    /// log every command must accept).
    static func cases() throws -> [(file: String, message: String)] {
        let table = try String(contentsOf: corpus.appendingPathComponent("expected.tsv"), encoding: .utf8)
        return table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    @Test func everyBadLogGetsItsMessageFromEveryCommand() throws {
        let cases = try Self.cases().filter { $0.file.contains(".log") }
        #expect(cases.count >= 25)
        let out = ScratchDirectory()
        for (file, message) in cases {
            let path = Self.corpus.appendingPathComponent(file).path
            for arguments in [["check", path], ["summary", path], ["whatif", path, "--ratios", "0.5"],
                              [path, "-o", out.url.appendingPathComponent("r.html").path]] {
                let outcome = try report.run(arguments)
                if message == "valid" {
                    #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
                } else {
                    #expect(outcome.status == 1, "\(arguments)")
                    #expect(outcome.standardError == "slim-report: error: " + message.replacingOccurrences(of: "PATH", with: path) + "\n",
                            "\(arguments)")
                }
            }
        }
    }

    /// Comparing names the file that is wrong, not just the layer.
    @Test func compareNamesTheBadFile() throws {
        let good = Self.corpus.appendingPathComponent("bom.log").path
        let bad = Self.corpus.appendingPathComponent("groups-zero.log").path
        let out = ScratchDirectory()
        let outcome = try report.run(["compare", good, bad, "-o", out.url.appendingPathComponent("c.html").path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("slim-report: error: \(bad):2: "))
    }

    @Test func resumedEpochsAreCountedOnce() throws {
        let outcome = try report.run(["check", Self.corpus.appendingPathComponent("epochs-resumed.log").path])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("epochs         3  last test accuracy 77.60 %"), "\(outcome.standardOutput)")
    }

    @Test func theMemoBombFailsWithItsMessage() throws {
        let path = Self.corpus.appendingPathComponent("memo-bomb.pth").path
        let message = try #require(try Self.cases().first { $0.file == "memo-bomb.pth" }).message
        let out = ScratchDirectory()
        let outcome = try report.run(["import", path, "-o", out.url.appendingPathComponent("bomb.log").path])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "slim-report: error: " + message.replacingOccurrences(of: "PATH", with: path) + "\n")
        #expect(!FileManager.default.fileExists(atPath: out.url.appendingPathComponent("bomb.log").path))
    }
}
