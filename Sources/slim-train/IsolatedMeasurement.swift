import Foundation
import SlimEngine
import SlimLog

/// Measures a network in a child `slim-train measure-model` process: the network goes to a
/// temporary checkpoint, the child loads it and reports latency and its own peak resident
/// memory, so the memory is the model's and not the training's.
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
        var latency: [Latency] = []
        var peak: Int?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.first == "latency", fields.count == 6, let batch = Int(fields[1]), let median = Double(fields[2]),
               let low = Double(fields[3]), let high = Double(fields[4]), let repeats = Int(fields[5]) {
                latency.append(Latency(batch: batch, medianMs: median, minMs: low, maxMs: high, repeats: repeats))
            } else if fields.first == "peak_memory_bytes", fields.count == 2 {
                peak = Int(fields[1])
            }
        }
        guard !latency.isEmpty, peak != nil else { throw ChildFailed(description: "the measuring process printed no measurement: \(text)") }
        let scalars = network.parameters.reduce(0) { $0 + $1.value.count }
        return SlimLog.Measurement(pass: pass, phase: phase, latency: latency, peakMemoryBytes: peak,
                           modelBytes: scalars * MemoryLayout<Float>.size, params: network.parameterCount)
    }
}
