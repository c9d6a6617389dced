import Foundation
import SlimLog

// Benchmarks that print a table; see docs/run-log.md ("Reader speed"). Usage:
//   slim-bench log|analysis [--megabytes N] [--keep FILE]
// Generates a synthetic γ-heavy log (ResNet-164-like: 163 BN layers, full γ vectors),
// reads it three times and prints MB/s (median) and peak memory against the decoded floats.

func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kb * 1024
    }
    return 0
}

func resetPeak() {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// Reads the whole log once: seconds taken and γ floats decoded.
func timeReading(path: String) throws -> (seconds: Double, floats: Int) {
    let start = Date()
    var reader = try LogReader(path: path)
    var floats = 0
    while let e = try reader.next() {
        if case let .gamma(g) = e { floats += g.layers.reduce(0) { $0 + $1.values.count } }
    }
    return (Date().timeIntervalSince(start), floats)
}

func resnet164Widths() -> [Int] {
    var widths = [16]
    for (stage, planes) in [16, 32, 64].enumerated() {
        for block in 0..<18 {
            let inWidth = block == 0 ? (stage == 0 ? 16 : planes * 2) : planes * 4
            widths += [inWidth, planes, planes]
        }
    }
    return widths + [256]
}

func generate(path: String, megabytes: Int) throws -> (events: Int, floats: Int) {
    let widths = resnet164Widths()
    let header = RunHeader(runID: "bench", name: "synthetic resnet164", created: "2026-11-25T00:00:00Z",
                           engine: Engine(name: "slim-bench", version: "1"),
                           config: RunConfig(model: "resnet164", dataset: "synthetic", lambda: 1e-5, gammaEvery: 200),
                           input: InputShape(channels: 3, height: 32, width: 32), classes: 10)
    let writer = try LogWriter(path: path, mode: .create)
    try writer.append(.run(header))
    var generator = SystemRandomNumberGenerator()
    var written = 0, events = 1, floats = 0, step = 0
    while written < megabytes << 20 {
        step += 200
        let layers = widths.enumerated().map { i, w in
            GammaVector(layer: "bn\(i)", values: (0..<w).map { _ in Float.random(in: -0.6...0.6, using: &generator) * Float.random(in: 0...1, using: &generator) })
        }
        let event = Event.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: step / 390 + 1, step: step, layers: layers))
        written += event.jsonLine.count + 1
        floats += widths.reduce(0, +)
        try writer.append(event)
        events += 1
    }
    try writer.append(.end(RunEnd(status: .completed, seconds: 1)))
    return (events + 1, floats)
}

let args = CommandLine.arguments
guard args.count >= 2, args[1] == "log" || args[1] == "analysis" else {
    FileHandle.standardError.write(Data("usage: slim-bench log|analysis [--megabytes N] [--keep FILE]\n".utf8))
    exit(2)
}
var megabytes = 220
var keep: String?
var k = 2
while k < args.count {
    switch args[k] {
    case "--megabytes" where k + 1 < args.count: megabytes = Int(args[k + 1]) ?? megabytes; k += 2
    case "--keep" where k + 1 < args.count: keep = args[k + 1]; k += 2
    default:
        FileHandle.standardError.write(Data("slim-bench: unknown option '\(args[k])'\n".utf8)); exit(2)
    }
}
let path = keep ?? NSTemporaryDirectory() + "slim-bench-\(getpid()).log"
if !FileManager.default.fileExists(atPath: path) { _ = try generate(path: path, megabytes: megabytes) }
defer { if keep == nil { try? FileManager.default.removeItem(atPath: path) } }
let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
if args[1] == "analysis" {
    try AnalysisBenchmark.run(path: path, size: size)
    if keep == nil { try? FileManager.default.removeItem(atPath: path) } // exit skips the defer
    exit(0)
}

var times: [Double] = []
var floats = 0
resetPeak()
let baseline = peakResidentBytes()
for _ in 0..<3 {
    let (seconds, count) = try timeReading(path: path)
    times.append(seconds)
    floats = count
}
let streamingPeak = peakResidentBytes() - baseline
resetPeak()
let before = peakResidentBytes()
let all = try LogReader.readAll(path: path)
let keptPeak = peakResidentBytes() - before
let median = times.sorted()[1]
let mb = Double(size) / 1_048_576
let decoded = floats * 4
print("| log | MB | events | γ floats | read s (median of 3) | MB/s | peak extra RSS streaming | peak extra RSS keeping all events | decoded γ bytes | keep-all / decoded |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print(String(format: "| synthetic resnet164 | %.0f | %d | %d | %.2f | %.0f | %.1f MB | %.1f MB | %.1f MB | %.2f× |",
             mb, all.events.count, floats, median, mb / median, Double(streamingPeak) / 1_048_576,
             Double(keptPeak) / 1_048_576, Double(decoded) / 1_048_576, Double(keptPeak) / Double(max(decoded, 1))))
