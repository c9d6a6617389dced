import Testing
import SlimLog
@testable import SlimAnalysis

/// The per-layer latency analysis on the sample run with hand-made per-layer times: conv runs
/// timed under the conv (BN and ReLU fused), shares, the explanation, rounded widths.
@Suite struct LatencyAnalysisTests {
    static let originalTimes: [(String, Double)] = [("feature.0", 0.2), ("feature.3", 0.4), ("feature.6", 0.2),
                                                    ("feature.7", 0.6), ("pool", 0.4), ("classifier", 0.2)]
    static let prunedTimes: [(String, Double)] = [("feature.0", 0.15), ("feature.3", 0.1), ("feature.6", 0.2),
                                                  ("feature.7", 0.35), ("pool", 0.4), ("classifier", 0.3)]

    static func latency(_ times: [(String, Double)]) -> Latency {
        Latency(batch: 1, medianMs: times.reduce(0) { $0 + $1.1 }, repeats: 20,
                layers: times.map { LayerLatency(name: $0.0, medianMs: $0.1, minMs: $0.1 * 0.9, maxMs: $0.1 * 1.5) })
    }

    static func run() throws -> RunAnalysis {
        let events = SampleRun.events().map { event -> Event in
            guard case var .measure(m) = event else { return event }
            switch (m.pass, m.phase) {
            case (0, _): m.latency = [latency(originalTimes)]
            case (1, .finetune): m.latency = [latency(prunedTimes)]
            case (1, .pruned):
                m.rounded = [RoundedMeasurement(multiple: 4, widths: [LayerWidth(layer: "feature.1", width: 4),
                                                                      LayerWidth(layer: "feature.4", width: 4),
                                                                      LayerWidth(layer: "feature.8", width: 4)],
                                                latency: [Latency(batch: 1, medianMs: 1.7)])]
            default: break
            }
            m.cpu = "Test CPU"; m.threads = 2
            return .measure(m)
        }
        return try SampleRun.analysis(events)
    }

    @Test func fusedLayersGoToTheRowBeforeThem() throws {
        let profiles = try Self.run().layerTimeProfiles
        #expect(profiles.map(\.pass) == [0, 1])
        let original = profiles[0]
        #expect(original.rows.map(\.name) == ["feature.0", "feature.3", "feature.6", "feature.7", "pool", "classifier"])
        #expect(original.rows[0].fused == ["feature.1", "feature.2"])
        #expect(original.rows[0].kind == .conv && original.rows[2].kind == .pooling)
        #expect(original.flops == 32_304)
        #expect(original.rows[1].flops == 18_432)
        #expect(abs(original.sumRatio - 1) < 1e-12)
        #expect(abs(original.noFLOPsShare - 0.3) < 1e-12)
        #expect(original.timeByKind.map(\.kind) == [.conv, .linear, .pooling])
        #expect(original.cpu == "Test CPU" && original.threads == 2)
    }

    @Test func theShiftExplainsWhereTheTimeWent() throws {
        let shift = try #require(Self.run().latencyShifts.first)
        #expect(abs(shift.flopsSaved - (1 - 5784.0 / 32_304)) < 1e-12)
        #expect(abs(shift.timeSaved - 0.25) < 1e-12)
        #expect(shift.lagging.map(\.after.name) == ["feature.7", "classifier", "feature.0"])
        #expect(shift.slowestRate?.after.name == "feature.7")
        #expect(shift.explanation == "At batch 1, FLOPs fell 82 % and the measured time 25 % (2 → 1.5 ms). 40 % of the remaining time is in layers without FLOPs (pool 40 %), which pruning barely shrinks: 0.6 → 0.6 ms. Layers whose time fell much less than their FLOPs: feature.7 (FLOPs −88 %, time −42 %), classifier (FLOPs −50 %, time +50 %), feature.0 (FLOPs −50 %, time −25 %). feature.7 went from 8 to 4 channels and runs at 0.0033 GFLOP/s against 0.015 before.")
    }

    @Test func roundedWidthsAreCostedFromTheirWidths() throws {
        let rows = try Self.run().roundedWidths()
        #expect(rows.map(\.multiple) == [1, 4])
        let four = try NetworkCost(architecture: SampleRun.architecture(["4", "4", "M", "4"], pass: 1))
        #expect(rows[1].flops == four.flops && rows[1].params == four.params)
        #expect(rows[0].flops == 5784)
        #expect(rows[0].latency == [Latency(batch: 1, medianMs: 1.8)])
    }

    @Test func aLogWithoutPerLayerTimesHasNoProfile() throws {
        let run = try SampleRun.analysis()
        #expect(run.layerTimeProfiles.isEmpty)
        #expect(run.latencyShifts.isEmpty)
        #expect(try run.roundedWidths().isEmpty)
    }

    /// `whatif --round-to 8` on the real example logs: every width a multiple of 8 (or all the
    /// channels the layer can pass on), never below the unrounded width, never above the original.
    @Test func roundTo8OnTheExampleLogs() throws {
        for name in ["lambda-5e-3.log.gz", "resnet20-mnist5k.log.gz", "densenet10-mnist5k.log.gz"] {
            let run = try ExampleLogs.run(name)
            let pass = run.gammas.first?.pass
            let ratios = [0.3, 0.5, 0.7, 0.9]
            let plain = try run.whatIf(ratios: ratios, pass: pass)
            let rounded = try run.whatIf(ratios: ratios, pass: pass, roundTo: 8)
            #expect(rounded.roundTo == 8)
            let original = Dictionary(try run.architecture(pass: pass ?? 0).effectiveWidths.map { ($0.layer, $0.width) },
                                      uniquingKeysWith: { a, _ in a })
            for (p, r) in zip(plain.points, rounded.points) {
                for (u, w) in zip(p.widths, r.widths) {
                    let limit = original[w.layer] ?? 0
                    #expect(w.width % 8 == 0 || w.width == limit, "\(name) \(w.layer): \(w.width)")
                    #expect(w.width >= u.width && w.width <= limit, "\(name) \(w.layer): \(u.width) → \(w.width) of \(limit)")
                }
                #expect(r.flops >= p.flops && r.params >= p.params)
            }
        }
    }
}
