import Testing
import Foundation
import SlimLog
@testable import SlimAnalysis

@Suite struct ReadingTests {
    @Test func aWrittenLogReadsBackIntoTheSameAnalysis() throws {
        let path = NSTemporaryDirectory() + "slim-analysis-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LogWriter(path: path, mode: .create)
        for event in SampleRun.events() { try writer.append(event) }
        let (run, warnings) = try RunAnalysis.read(path: path)
        #expect(warnings.isEmpty)
        let expected = try SampleRun.analysis(source: path)
        #expect(run.passSummaries == expected.passSummaries)
        #expect(run.gammaTimeline == expected.gammaTimeline)
        #expect(Summary(runs: [run]).rendered(as: .json) == Summary(runs: [expected]).rendered(as: .json))
    }

    @Test func readErrorsKeepTheReadersMessage() {
        let error = LogError.cannotOpen(path: "/nonexistent/run.log", reason: "no such file")
        #expect(throws: AnalysisError.log(error)) { try RunAnalysis.read(path: "/nonexistent/run.log") }
        #expect(AnalysisError.log(error).description == error.description)
    }
}
