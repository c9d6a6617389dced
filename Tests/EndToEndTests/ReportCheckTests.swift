import Foundation
import Testing

/// `slim-report` as a user runs it: the built executable, its output and exit codes.
@Suite struct ReportCheckTests {
    let report = ExecutableRunner(name: "slim-report")

    /// The example log of docs/run-log.md, so the page and the reader cannot drift apart.
    static func documentedExample() throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/run-log.md").standardized
        let page = try String(contentsOf: docs, encoding: .utf8)
        guard let start = page.range(of: "```jsonl\n"),
              let end = page.range(of: "\n```", range: start.upperBound..<page.endIndex) else {
            throw ExampleMissing()
        }
        return String(page[start.upperBound..<end.lowerBound]) + "\n"
    }

    struct ExampleMissing: Error {}

    @Test func helpListsTheCheckCommand() throws {
        let outcome = try report.run(["--help"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("check"))
        #expect(outcome.standardOutput.contains("usage: slim-report SUBCOMMAND"))
    }

    @Test func versionIsPrinted() throws {
        let outcome = try report.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "slim-report 0.1.0\n")
    }

    @Test func theDocumentedExampleIsAValidLog() throws {
        let dir = ScratchDirectory()
        let path = dir.write("run.log", try Self.documentedExample())
        let outcome = try report.run(["check", path])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardError == "")
        let out = outcome.standardOutput
        #expect(out.hasPrefix("\(path): valid slim-run/1 log\n"))
        #expect(out.contains("tiny λ=1e-4  (20261125-070000-tiny)"))
        #expect(out.contains("tiny-vgg  cfg 4,M,8"))
        #expect(out.contains("1 of 1 planned"))
        #expect(out.contains("γ snapshots    3"))
        #expect(out.contains("run 1, architecture 2, epoch 3, gamma 3, prune 1, measure 2, end 1"))
        #expect(out.contains("completed after 6.2 s"))
    }

    @Test func standardInputIsRead() throws {
        let outcome = try report.run(["check", "-"], input: Array(try Self.documentedExample().utf8))
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("-: valid slim-run/1 log\n"))
    }

    @Test func aCrashedRunIsPartialWithAWarning() throws {
        let lines = try Self.documentedExample().split(separator: "\n")
        let cut = lines.prefix(6).joined(separator: "\n") + "\n" + lines[6].prefix(40)
        let dir = ScratchDirectory()
        let path = dir.write("run.log", cut)
        let outcome = try report.run(["check", path])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("incomplete: no 'end' event (the run crashed, was killed or is still going)"))
        #expect(outcome.standardError == "warning: \(path):7: the line is incomplete (the run was interrupted or is still going); it was skipped\n")
    }

    /// Bad logs: exit code 1 and the reader's message on standard error, nothing on standard output.
    @Test(arguments: [
        ("empty", "", "PATH: the file is empty; a slim-run/1 log starts with a 'run' line"),
        ("no run line", "{\"type\":\"end\",\"status\":\"completed\",\"seconds\":1}\n",
         "PATH:1: the first event must be 'run', found 'end'; is this a slim-run/1 log?"),
        ("wrong type", "RUN\n{\"type\":\"epoch\",\"pass\":\"0\"}\n",
         "PATH:2: epoch event: field 'pass' must be an integer"),
        ("unknown version", "{\"type\":\"run\",\"schema\":\"slim-run/2\"}\n",
         "PATH:1: schema 'slim-run/2' is not supported; this version of Slim reads slim-run/1 (upgrade Slim to read newer logs)"),
        ("not JSON", "RUN\n{\"type\" \"epoch\"}\n",
         "PATH:2: not valid JSON (expected ':' at byte 9); each line must be one JSON object"),
    ])
    func badLogsFailWithTheirMessage(name: String, content: String, message: String) throws {
        let dir = ScratchDirectory()
        let runLine = try Self.documentedExample().split(separator: "\n")[0]
        let path = dir.write("bad.log", content.replacingOccurrences(of: "RUN", with: String(runLine)))
        let outcome = try report.run(["check", path])
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput == "")
        #expect(outcome.standardError == "slim-report: error: " + message.replacingOccurrences(of: "PATH", with: path) + "\n")
    }

    @Test func binaryGarbageAndInvalidUTF8AreErrorsNotCrashes() throws {
        let dir = ScratchDirectory()
        var generator = SystemRandomNumberGenerator()
        let garbage = dir.write("garbage.log", (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let outcome = try report.run(["check", garbage])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("slim-report: error: \(garbage):"))

        let latin1 = dir.write("latin1.log", [UInt8](#"{"type":"run","name":""#.utf8) + [0xE9, 0xFF] + [UInt8]("\"}\n".utf8))
        let second = try report.run(["check", latin1])
        #expect(second.status == 1)
        #expect(second.standardError == "slim-report: error: \(latin1):1: not valid UTF-8 text; is this a run log?\n")
    }

    @Test func aMissingFileFails() throws {
        let outcome = try report.run(["check", "/nonexistent/run.log"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "slim-report: error: /nonexistent/run.log: cannot open (no such file); check the path\n")
    }

    @Test func usageErrorsExitWithTwo() throws {
        let missing = try report.run(["check"])
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("slim-report check: error: missing the run log to check\n"))
        let unknown = try report.run(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.hasPrefix("slim-report: error: unknown subcommand 'frobnicate'; one of: report, compare, chart, check"))
        let option = try report.run(["check", "--colour", "x.log"])
        #expect(option.status == 2)
    }
}
