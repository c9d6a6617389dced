import Foundation
import SlimAnalysis
import SlimLog

/// `slim-bench analysis`: reading alone against reading plus the full analysis behind
/// `slim-report summary`, side by side on the same synthetic γ-heavy log.
enum AnalysisBenchmark {
    static func run(path: String, size: Int) throws {
        // Peak memory first, while the process holds nothing else.
        resetPeak()
        let before = peakResidentBytes()
        var peakSummary: Summary? = Summary(runs: [try RunAnalysis.read(path: path).run])
        let peak = peakResidentBytes() - before
        let snapshots = peakSummary?.runs[0].timeline.count ?? 0
        peakSummary = nil
        var readTimes: [Double] = [], fullTimes: [Double] = [], analysisTimes: [Double] = [], renderTimes: [Double] = []
        var floats = 0
        for _ in 0..<3 {
            let (seconds, count) = try timeReading(path: path)
            readTimes.append(seconds)
            floats = count

            let start = Date()
            let (run, _) = try RunAnalysis.read(path: path)
            let afterRead = Date()
            let summary = Summary(runs: [run])
            let analyzed = Date()
            _ = summary.rendered(as: .json)
            renderTimes.append(Date().timeIntervalSince(analyzed))
            fullTimes.append(analyzed.timeIntervalSince(start))
            analysisTimes.append(analyzed.timeIntervalSince(afterRead))
        }
        let median = { (x: [Double]) in x.sorted()[x.count / 2] }
        let read = median(readTimes), full = median(fullTimes)
        let decoded = Double(floats * 4) / 1_048_576
        print("| log | MB | γ snapshots | γ floats | read only s | read + accumulate + analysis s | analysis after reading s | analysis / read | JSON render s | peak extra RSS, read + analysis | decoded γ | RSS / decoded γ |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(String(format: "| synthetic resnet164 | %.0f | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f MB | %.1f MB | %.2f× |",
                     Double(size) / 1_048_576, snapshots, floats, read, full,
                     median(analysisTimes), median(analysisTimes) / read, median(renderTimes),
                     Double(peak) / 1_048_576, decoded, Double(peak) / 1_048_576 / decoded))
    }
}
