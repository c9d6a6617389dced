import Foundation
import Testing

/// Same seed and thread count, same log: byte for byte apart from the fields that record time,
/// the host and the date (docs/engine.md, "Determinism"). Two passes of a ResNet with β
/// compensation, whose pass-2 `loss_after` once depended on Dictionary order.
extension SlimTrainProcessTests {
    /// The log's lines with timing, host and date fields blanked.
    static func masked(_ log: String) throws -> [String] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map {
            String($0).replacing(/"(seconds|median_ms|min_ms|max_ms|peak_memory_bytes|repeats)":[^,}\]]*/) { "\"\($0.1)\":_" }
                .replacing(/"(created|run_id)":"[^"]*"/) { "\"\($0.1)\":_" }
                .replacing(/"environment":\{[^}]*\}/, with: "\"environment\":_")
        }
    }

    /// What a resumed log says happened, by the rule of docs/run-log.md: a later event
    /// replaces an earlier one of the same kind and place (prune and architecture by pass,
    /// measure by pass and phase, epoch by pass, phase and epoch, gamma by pass, phase and
    /// step); the resume line and the line the crash cut short are dropped.
    static func effective(_ lines: [String]) -> [String] {
        func key(_ line: String) -> String {
            let fields = ["type", "pass", "phase", "epoch", "step"].compactMap { name -> String? in
                guard let match = try? Regex("\"\(name)\":(\"[^\"]*\"|-?[0-9]+)").firstMatch(in: line) else { return nil }
                return String(line[match.range])
            }
            let type = fields.first ?? ""
            if type.contains("prune") || type.contains("architecture") { return fields.prefix(2).joined() }
            if type.contains("measure") { return fields.prefix(3).joined() }
            if type.contains("gamma") { return fields.filter { !$0.hasPrefix("\"epoch") }.joined() }
            return fields.joined()
        }
        var kept: [String] = []
        for line in lines where line.hasSuffix("}") && !line.contains("\"type\":\"resume\"") {
            let k = key(line)
            kept.removeAll { key($0) == k }
            kept.append(line)
        }
        return kept
    }

    @Test func sameSeedSameLogAcrossTwoPassesAndAResume() async throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let digits = try tinyDigits()
        let arguments = ["--model", "resnet11", "--dataset", "mnist", "--data-dir", digits, "--epochs", "2",
                         "--finetune-epochs", "1", "--passes", "2", "--prune-ratio", "0.4", "--lambda", "1e-3",
                         "--threads", "2", "--seed", "7", "--batch-size", "32"]
        for name in ["a", "b"] {
            let (process, _) = try start(arguments + ["--out", "\(root)/\(name)"])
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let a = try Self.masked("\(root)/a/run.log"), b = try Self.masked("\(root)/b/run.log")
        #expect(a.filter { $0.contains("\"type\":\"prune\"") }.count == 2)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y { Issue.record("first difference:\n\(x.prefix(300))\n\(y.prefix(300))"); break }

        // Killed after the first prune, resumed from its checkpoint: the same run.
        let (killed, _) = try start(arguments + ["--out", "\(root)/c"])
        try await waitForLine("prune", in: "\(root)/c/run.log", process: killed)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let (resumed, _) = try start(["--resume", "\(root)/c"])
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0)
        let c = Self.effective(try Self.masked("\(root)/c/run.log"))
        #expect(c.count == a.count)
        for (x, y) in zip(a, c) where x != y { Issue.record("first difference after the resume:\n\(x.prefix(300))\n\(y.prefix(300))"); break }
    }
}
