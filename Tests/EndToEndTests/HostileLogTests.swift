import Foundation
import Testing

/// Every `slim-report` command on the logs of `Tests/HostileLogs/` (non-finite and huge numbers,
/// empty and unknown layers, a prune that keeps nothing, hostile names; issue 14): a result or
/// a one-line error, never a trap.
@Suite struct HostileLogTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../HostileLogs").standardized

    static let logs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted()
    }()

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static let chartKinds = ["widths", "kept-heatmap", "gamma-hist", "gamma-hist-log", "gamma-layers", "gamma-evolution",
                             "gamma-heatmap", "accuracy", "loss", "costs", "latency", "tradeoff", "tradeoff-params", "whatif"]

    let report = ExecutableRunner(name: "slim-report")

    @Test func theHostileLogsAreThere() {
        #expect(Self.logs.count >= 15)
    }

    /// Exit 0 with the output written, or exit 1 with one line on standard error naming the
    /// tool. A chart kind the log has no data for stays the usage error it always was.
    @Test(arguments: logs)
    func everyCommandGivesAResultOrAOneLineError(log: String) throws {
        let path = Self.path(log), scratch = ScratchDirectory(), reference = Self.path("../../reports/logs/lambda-1e-3.log.gz")
        var commands: [(args: [String], output: String?)] = [(["check", path], nil)]
        for format in ["pdf", "html", "md"] {
            let out = scratch.url.appendingPathComponent("report.\(format)").path
            commands.append(([path, "-o", out], out))
            let cmp = scratch.url.appendingPathComponent("compare.\(format)").path
            commands.append((["compare", path, reference, "-o", cmp], cmp))
        }
        for kind in Self.chartKinds {
            let out = scratch.url.appendingPathComponent("\(kind).svg").path
            commands.append((["chart", kind, path, "-o", out], out))
        }
        for format in ["text", "markdown", "json", "csv"] {
            commands.append((["summary", path, reference, "--format", format], nil))
            commands.append((["whatif", path, "--format", format], nil))
        }
        for (args, output) in commands {
            let outcome = try report.run(args)
            let what = "\(log): slim-report \(args.prefix(2).joined(separator: " ")) exited \(outcome.status): \(outcome.standardError)"
            if args[0] == "chart", outcome.status == 2 {
                #expect(outcome.standardError.hasPrefix("slim-report chart: error: the log has no data for the '\(args[1])' chart"), "\(what)")
                continue
            }
            #expect(outcome.status == 0 || outcome.status == 1, "\(what)")
            if outcome.status == 0, let output {
                #expect(FileManager.default.fileExists(atPath: output), "\(what)")
            }
            if outcome.status == 1 {
                #expect(outcome.standardError.hasPrefix("slim-report: error: "), "\(what)")
                #expect(outcome.standardError.filter { $0 == "\n" }.count == 1, "\(what)")
            }
        }
    }

    /// The run slim-train itself wrote with `--prune-ratio 0.9999 --min-channels 0` (it stops
    /// with "no channel would remain"): its report used to trap in the sparsity verdict.
    @Test func theReportOfARunThatKeptNothingSaysSo() throws {
        let scratch = ScratchDirectory()
        let out = scratch.url.appendingPathComponent("r.md").path
        let outcome = try report.run([Self.path("train-keeps-nothing.log"), "-o", out])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.contains("0 of the 176 removed channels had \\|γ\\| below 0.01 (the largest removed had 0.944); no channel was kept."))
    }

    /// Non-finite numbers where the log format wants finite ones are refused by every command
    /// with the line and field (the log validation of issue 14), so nothing downstream meets them.
    @Test(arguments: [
        ("threshold-nan.log", "threshold-nan.log:10: prune event: field 'threshold' is nan; expected a finite number"),
        ("huge-values.log", "huge-values.log:4: epoch event: field 'lr' is inf; expected a finite number ≥ 0"),
    ])
    func nonFiniteNumbersAreRefusedWithTheirLineAndField(log: String, message: String) throws {
        let scratch = ScratchDirectory()
        let out = scratch.url.appendingPathComponent("r.md").path
        for args in [[Self.path(log), "-o", out], ["summary", Self.path(log)], ["check", Self.path(log)]] {
            let outcome = try report.run(args)
            #expect(outcome.status == 1)
            #expect(outcome.standardError == "slim-report: error: \(Self.path(log).dropLast(log.count))\(message)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
