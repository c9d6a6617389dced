import Foundation
import Testing
import SlimLog

/// The Fashion-MNIST study's committed logs (`reports/fashion-mnist/run.sh`): every one is a
/// valid log, every slim-train run has its PyTorch twin, and each p = 0.7 log continues the
/// sparsity training of its p = 0.5 twin (the study prunes one trained network at both ratios).
@Suite struct FashionStudyLogsTests {
    static let logs = ExampleLogsTests.gzippedLogs(in: "reports/fashion-mnist/logs")

    let report = ExecutableRunner(name: "slim-report")

    @Test func everySlimRunHasItsPyTorchTwin() {
        let names = Set(Self.logs.map { URL(fileURLWithPath: $0).lastPathComponent })
        let slim = names.filter { $0.hasPrefix("slim-") }
        #expect(slim.count >= 12)
        for name in slim { #expect(names.contains("pytorch-" + name.dropFirst("slim-".count)), "\(name)") }
    }

    @Test(arguments: logs)
    func everyLogChecks(log: String) throws {
        let check = try report.run(["check", log])
        #expect(check.status == 0, "\(check.standardError)")
    }

    @Test func eachP07LogContinuesItsP05TwinsTraining() throws {
        for branch in Self.logs where branch.hasSuffix("-p0.7.log.gz") {
            let trunk = String(branch.dropLast("-p0.7.log.gz".count)) + "-p0.5.log.gz"
            let a = try LogReader.readAll(path: trunk).events, b = try LogReader.readAll(path: branch).events
            guard case let .run(headerA)? = a.first, case let .run(headerB)? = b.first else { Issue.record("no run line"); continue }
            #expect(headerA.config.pruneRatio == 0.5 && headerB.config.pruneRatio == 0.7, "\(branch)")
            let trainingA = a.dropFirst().prefix { $0.type != "prune" }, trainingB = b.dropFirst().prefix { $0.type != "prune" }
            if headerA.engine.name == "slim-train" {
                // The p = 0.7 run resumed from the p = 0.5 run's sparsity checkpoint: its log up to
                // the prune is that run's, line for line, then the resume line.
                #expect(Array(trainingA) == Array(trainingB.filter { $0.type != "resume" }), "\(branch)")
                #expect(trainingB.last?.type == "resume", "\(branch)")
            } else {
                // The PyTorch script records one training in both logs (each with its own clock).
                let epochs = { (events: ArraySlice<Event>) in
                    events.compactMap { event -> [Double?]? in
                        guard case let .epoch(e) = event else { return nil }
                        return [e.trainLoss, e.trainAccuracy, e.testLoss, e.testAccuracy]
                    }
                }
                #expect(epochs(trainingA) == epochs(trainingB) && !epochs(trainingA).isEmpty, "\(branch)")
            }
        }
    }
}
