import Foundation
import SlimLog

/// The engine's version and a description of the machine it runs on, for the `run` event.
public enum EngineInfo {
    public static let version = "0.1.0"

    /// CPU model, logical cores, threads in use and the OpenBLAS kernels that were loaded.
    public static func environment(threads: Int) -> [(key: String, value: JSONValue)] {
        [("cpu", .string(cpuModel)), ("cores", .number(Double(ProcessInfo.processInfo.activeProcessorCount))),
         ("threads", .number(Double(threads))), ("blas", .string("OpenBLAS \(BLAS.coreName)")),
         ("os", .string(ProcessInfo.processInfo.operatingSystemVersionString))]
    }

    /// The CPU's model name from /proc/cpuinfo (Linux), or `unknown`.
    public static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        }
        return "unknown"
    }
}
