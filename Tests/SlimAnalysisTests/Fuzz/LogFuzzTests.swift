import Foundation
import FuzzSupport
import SlimGzip
import Testing
@testable import SlimAnalysis
@testable import SlimLog

/// Seeded mutation fuzzing of the whole log path every command takes: reader, validation,
/// accumulation, costs of every architecture, what-if sweeps. A trap ends the test process,
/// so finishing is the assertion that none happened; memory is checked on every line read.
@Suite struct LogFuzzTests {
    /// Inputs per run: at least 10,000 (issue 14). A third of them are gzip-compressed.
    static let count = 10_000
    /// A small line limit, so that long-line and gzip-expansion mutations reach it quickly.
    static let limits = LogLimits(maxLineBytes: 64 << 10)

    static func seeds() throws -> [[UInt8]] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../docs/run-log.md").standardized
        let page = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(page.range(of: "```jsonl\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        let example = String(page[start.upperBound..<end.lowerBound]) + "\n"
        let lines = example.split(separator: "\n").map(String.init)
        // The same run killed after its prune and resumed from the end of pass 0.
        let resumed = lines[0..<7].joined(separator: "\n") + "\n{\"type\":\"epoch\",\"pass\":1,\"ph"
            + "\n{\"type\":\"resume\",\"created\":\"2026-11-25T08:00:00Z\",\"pass\":1,\"phase\":\"pruned\",\"epoch\":0,\"step\":126}\n"
            + lines[7...].joined(separator: "\n") + "\n"
        return [Array(example.utf8), Array(resumed.utf8)]
    }

    @Test func mutatedLogsNeverTrapAndStayBounded() throws {
        let seeds = try Self.seeds()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("slim-fuzz-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var mutator = Mutator(seed: 14)
        var accepted = 0, refused = 0
        for k in 0..<Self.count {
            var bytes = mutator.mutate(seeds[k % seeds.count])
            if k % 3 == 0 { bytes = try GzipCompressor.compress(bytes) }
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            if Self.process(path) { accepted += 1 } else { refused += 1 }
        }
        // Both outcomes must be common, or the mutations are too weak (or too strong) to test.
        #expect(accepted > Self.count / 20 && refused > Self.count / 20, "accepted \(accepted), refused \(refused)")
    }

    /// What a command does with a log; true when it was accepted.
    static func process(_ path: String) -> Bool {
        do throws(LogError) {
            var reader = try LogReader(path: path, limits: limits)
            var accumulator = RunAccumulator(source: path)
            while let event = try reader.next() {
                // One line plus one chunk of gzip output (64 KiB), with the array's doubling.
                #expect(reader.bufferCapacity <= 4 * (limits.maxLineBytes + (64 << 10)), "\(path): buffer grew to \(reader.bufferCapacity)")
                accumulator.add(event, line: reader.lineNumber)
            }
            // `check` runs the same two steps, so what passes here passes `check`.
            guard let run = try? accumulator.finish() else { return false }
            if !run.architectures.isEmpty && !run.gammas.isEmpty { _ = try? run.whatIf() }
            return true
        } catch {
            return false
        }
    }
}
