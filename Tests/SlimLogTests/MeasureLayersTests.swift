import Testing
@testable import SlimLog

/// The optional per-layer latency, CPU, threads and rounded-width fields of `measure`
/// (docs/run-log.md): read as another writer (the Python recorder) writes them, and absent
/// in older logs.
@Suite struct MeasureLayersTests {
    private func read(_ line: String) throws -> Measurement {
        let dir = ScratchDirectory()
        let path = dir.write("run.log", Samples.runLine + "\n" + line + "\n")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(warnings.isEmpty)
        guard case let .measure(m) = events[1] else {
            Issue.record("not a measure event")
            return Measurement(pass: -1, phase: .pruned, latency: [])
        }
        return m
    }

    @Test func perLayerLatencyCPUAndThreadsAreRead() throws {
        let m = try read(#"{"type":"measure","pass":0,"phase":"sparsity","latency":[{"batch":1,"median_ms":1.5,"min_ms":1.25,"max_ms":2,"repeats":40,"layers":[{"name":"feature.0","median_ms":0.75,"min_ms":0.5,"max_ms":1},{"name":"pool","median_ms":0.25}]}],"cpu":"Intel(R) Xeon(R) Processor @ 2.80GHz","threads":2}"#)
        #expect(m.cpu == "Intel(R) Xeon(R) Processor @ 2.80GHz")
        #expect(m.threads == 2)
        #expect(m.latency[0].layers == [LayerLatency(name: "feature.0", medianMs: 0.75, minMs: 0.5, maxMs: 1),
                                        LayerLatency(name: "pool", medianMs: 0.25)])
        #expect(m.rounded.isEmpty)
    }

    @Test func anOlderMeasureHasNoLayers() throws {
        let m = try read(#"{"type":"measure","pass":0,"phase":"sparsity","latency":[{"batch":64,"median_ms":21.5}]}"#)
        #expect(m.latency[0].layers == nil)
        #expect(m.cpu == nil && m.threads == nil)
    }

    @Test func roundedMeasurementsAreRead() throws {
        let m = try read(#"{"type":"measure","pass":0,"phase":"sparsity","latency":[],"rounded":[{"multiple":8,"widths":[{"layer":"feature.1","width":16}],"params":123,"latency":[{"batch":1,"median_ms":0.5}]}]}"#)
        #expect(m.rounded == [RoundedMeasurement(multiple: 8, widths: [LayerWidth(layer: "feature.1", width: 16)], params: 123,
                                                 latency: [Latency(batch: 1, medianMs: 0.5)])])
    }

    @Test func aLayerWithoutMedianIsAnErrorNamingTheField() throws {
        let dir = ScratchDirectory()
        let path = dir.write("run.log", Samples.runLine + "\n" + #"{"type":"measure","pass":0,"phase":"sparsity","latency":[{"batch":1,"median_ms":1,"layers":[{"name":"a"}]}]}"# + "\n")
        do {
            _ = try LogReader.readAll(path: path)
            Issue.record("read without an error")
        } catch {
            #expect(error.description == "\(path):2: measure event: missing field 'latency[0].layers[0].median_ms' (expected a number)")
        }
    }
}
