import Foundation
import SlimEngine
import SlimLog

/// Measures a network in a child `slim-train measure-model` process: the network goes to a
/// temporary checkpoint, the child loads it and reports latency (whole model and per layer),
/// the CPU, its thread count and its own peak resident memory, so the memory is the model's
/// and not the training's.
struct IsolatedMeasurement {
    /// Where the temporary checkpoint is written (the run's output folder).
    var directory: String
    var threads: Int

    struct ChildFailed: Error, CustomStringConvertible {
        var description: String
    }

    func measure(_ network: Network, pass: Int, phase: Phase) throws -> SlimLog.Measurement {
        let path = "\(directory)/.measure-pass\(pass)-\(phase.rawValue).safetensors"
        try Checkpoint.save(network, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = ["measure-model", "--checkpoint", path, "--threads", String(threads)]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ChildFailed(description: "the measuring process exited with \(process.terminationStatus): \(problem.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let scalars = network.parameters.reduce(0) { $0 + $1.value.count }
        var measurement = try Self.parse(text)
        measurement.pass = pass
        measurement.phase = phase
        measurement.modelBytes = scalars * MemoryLayout<Float>.size
        measurement.params = network.parameterCount
        return measurement
    }

    /// Reads what `measure-model` printed (its `discussion` lists the lines).
    static func parse(_ text: String) throws -> SlimLog.Measurement {
        var latency: [Latency] = []
        var layers: [Int: [LayerLatency]] = [:]
        var peak: Int?, cpu: String?, threads: Int?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5).map(String.init)
            switch fields.first {
            case "latency" where fields.count == 6:
                if let batch = Int(fields[1]), let median = Double(fields[2]), let low = Double(fields[3]),
                   let high = Double(fields[4]), let repeats = Int(fields[5]) {
                    latency.append(Latency(batch: batch, medianMs: median, minMs: low, maxMs: high, repeats: repeats))
                }
            case "layer" where fields.count == 6:
                if let batch = Int(fields[1]), let median = Double(fields[2]), let low = Double(fields[3]), let high = Double(fields[4]) {
                    layers[batch, default: []].append(LayerLatency(name: fields[5], medianMs: median, minMs: low, maxMs: high))
                }
            case "cpu": cpu = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
            case "threads" where fields.count == 2: threads = Int(fields[1])
            case "peak_memory_bytes" where fields.count == 2: peak = Int(fields[1])
            default: break
            }
        }
        guard !latency.isEmpty, peak != nil else { throw ChildFailed(description: "the measuring process printed no measurement: \(text)") }
        for i in latency.indices { latency[i].layers = layers[latency[i].batch] }
        return SlimLog.Measurement(pass: 0, phase: .pruned, latency: latency, peakMemoryBytes: peak, cpu: cpu, threads: threads)
    }
}
