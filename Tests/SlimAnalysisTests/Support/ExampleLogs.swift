import Foundation
import SlimAnalysis

/// The real run logs committed under `reports/logs/`.
enum ExampleLogs {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../reports/logs").standardized

    /// Every `*.log.gz` there, by name.
    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".log.gz") }.sorted()
    }

    /// The analysis of `name`, e.g. `lambda-1e-2.log.gz`.
    static func run(_ name: String) throws -> RunAnalysis {
        try RunAnalysis.read(path: directory.appendingPathComponent(name).path).run
    }
}
