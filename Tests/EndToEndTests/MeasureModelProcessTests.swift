import Foundation
import Testing
import SlimLog

/// `slim-train measure-model` on widths that were never trained, and what `train` records:
/// per-layer times, CPU, threads and the rounded-width timings of every prune.
extension SlimTrainProcessTests {
    func output(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("slim-train")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SLIM_BLAS_KERNEL": "default"]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, o, e)
    }

    @Test func measureModelTimesAnyCfgWithoutTraining() throws {
        let r = try output(["measure-model", "--cfg", "3,M,5", "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("latency ") }.map { $0.split(separator: " ")[1] } == ["1", "64"])
        // conv → BN → ReLU runs fused: timed as feature.0; then the pool, the second run, the average pool, the classifier.
        let layers = lines.filter { $0.hasPrefix("layer 1 ") }.map { String($0.split(separator: " ")[5]) }
        #expect(layers == ["feature.0", "feature.3", "feature.4", "avgpool", "classifier"])
        #expect(lines.contains("threads 1"))
        #expect(lines.contains { $0.hasPrefix("cpu ") && $0.count > 4 })
        // 1·3·9 + 2·3 + 3·5·9 + 2·5 + 5·10 + 10 = 238
        #expect(lines.contains("params 238"))
        #expect(lines.last?.hasPrefix("peak_memory_bytes ") == true)

        // Two widths side by side, timed interleaved: a block each, the same number of passes.
        let two = try output(["measure-model", "--cfg", "3,M,5", "--cfg", "4,M,8", "--threads", "1"])
        #expect(two.status == 0, "\(two.err)")
        let twoLines = two.out.split(separator: "\n").map(String.init)
        #expect(twoLines.filter { $0.hasPrefix("network ") } == ["network 3,M,5", "network 4,M,8"])
        let repeats = twoLines.filter { $0.hasPrefix("latency ") }.map { $0.split(separator: " ")[5] }
        #expect(repeats.count == 4 && repeats[0] == repeats[2] && repeats[1] == repeats[3])
        #expect(twoLines.contains("params 438") && !twoLines.contains { $0.hasPrefix("peak_memory_bytes") })
    }

    @Test func measureModelRefusesBadSources() throws {
        let none = try output(["measure-model"])
        #expect(none.status == 2)
        #expect(none.err.hasPrefix("slim-train measure-model: error: give --checkpoint FILE, --model NAME or --cfg LIST\n"))
        let both = try output(["measure-model", "--checkpoint", "x.safetensors", "--cfg", "4"])
        #expect(both.status == 2)
        #expect(both.err.hasPrefix("slim-train measure-model: error: give either --checkpoint FILE or --model/--cfg, not both\n"))
        let dataset = try output(["measure-model", "--cfg", "4", "--dataset", "imagenet"])
        #expect(dataset.status == 2)
        #expect(dataset.err.hasPrefix("slim-train measure-model: error: option '--dataset': unknown dataset 'imagenet'; use one of mnist-5k, mnist, fashion-mnist, cifar10, cifar100\n"))
    }

    @Test func trainRecordsPerLayerTimesAndRoundedWidths() throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try output(["--cfg", "6,M,10,M", "--epochs", "1", "--finetune-epochs", "1", "--lambda", "1e-3",
                            "--threads", "1", "--measure-rounded", "8", "--out", dir])
        #expect(r.status == 0, "\(r.err)")
        let measures = try LogReader.readAll(path: dir + "/run.log").events.compactMap { e -> SlimLog.Measurement? in
            if case let .measure(m) = e { return m } else { return nil }
        }
        #expect(measures.allSatisfy { $0.threads == 1 && $0.cpu != nil && $0.latency.allSatisfy { ($0.layers ?? []).count == 6 } })
        let pruned = try #require(measures.first { $0.phase == .pruned })
        #expect(pruned.rounded.map(\.multiple) == [8])
        for rounded in pruned.rounded {
            #expect(rounded.latency.map(\.batch) == [1, 64])
            for (w, original) in zip(rounded.widths, [6, 10]) {
                #expect(w.width % rounded.multiple == 0 || w.width == original, "\(w)")
                #expect(w.width <= original)
            }
        }
        let bad = try output(["--cfg", "4", "--measure-rounded", "4,x", "--out", dir + "2"])
        #expect(bad.status == 2)
        #expect(bad.err.hasPrefix("slim-train train: error: option '--measure-rounded': expected multiples like 4,8,16 or none, got '4,x'\n"))
    }
}
