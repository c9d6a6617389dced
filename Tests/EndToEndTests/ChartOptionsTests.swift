import Foundation
import Testing

/// `slim-report chart` title and legend options, as a user runs them.
@Suite struct ChartOptionsTests {
    let report = ExecutableRunner(name: "slim-report")
    static let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../reports/logs/lambda-0.log.gz").standardized.path

    @Test func titleAndLegendOptionsReachTheChart() throws {
        let dir = ScratchDirectory()
        let svg = dir.url.path + "/chart.svg"
        let outcome = try report.run(["chart", "accuracy", Self.log, "-o", svg, "--title", "Ours <b>", "--subtitle", "second line",
                                      "--legend", "bottom", "--font-size", "12"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: svg))
        let none = try report.run(["chart", "accuracy", Self.log, "-o", dir.url.path + "/bare.png", "--no-title", "--legend", "none"])
        #expect(none.status == 0, "\(none.standardError)")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let dir = ScratchDirectory()
        let legend = try report.run(["chart", "accuracy", Self.log, "-o", dir.url.path + "/a.png", "--legend", "left"])
        #expect(legend.status == 2)
        #expect(legend.standardError.hasPrefix("slim-report chart: error: '--legend' takes none, top, right or bottom, got 'left'"))
        let both = try report.run(["chart", "accuracy", Self.log, "-o", dir.url.path + "/a.png", "--no-title", "--title", "x"])
        #expect(both.status == 2)
        #expect(both.standardError.hasPrefix("slim-report chart: error: '--no-title' and '--title'/'--subtitle' contradict each other; give one"))
        let size = try report.run(["chart", "accuracy", Self.log, "-o", dir.url.path + "/a.png", "--font-size", "0"])
        #expect(size.status == 2)
        #expect(size.standardError.hasPrefix("slim-report chart: error: '--font-size' must be between 0 and 72 points, got 0.0"))
        #expect(!FileManager.default.fileExists(atPath: dir.url.path + "/a.png"))
    }
}
