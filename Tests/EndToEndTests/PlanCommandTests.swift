import Foundation
import Testing

/// `slim-train plan` + `slim-report summary`: the cost of every preset without training.
@Suite struct PlanCommandTests {
    let train = ExecutableRunner(name: "slim-train")
    let report = ExecutableRunner(name: "slim-report")
    /// A debug build would calibrate the OpenBLAS kernels on a new machine first.
    let quick = ["SLIM_BLAS_KERNEL": "default"]

    /// Parameters and MACs counted independently with PyTorch 2.13 (forward hooks on Conv2d and
    /// Linear, batch 1) on the reference code's models re-typed: VGG with BN and a global-pool
    /// classifier, pre-activation bottleneck ResNets, DenseNets with growth 12, no bottleneck,
    /// compression 1 and a 24-channel stem (16 for the paper's).
    static let expected: [(model: String, dataset: String, params: String, macs: String)] = [
        ("vgg11", "cifar10", "9,228,362", "152,769,536"),
        ("vgg13", "cifar10", "9,413,066", "228,267,008"),
        ("vgg16", "cifar10", "14,724,042", "313,201,664"),
        ("vgg19", "cifar10", "20,035,018", "398,136,320"),
        ("vgg19", "cifar100", "20,081,188", "398,182,400"),
        ("mnist-small", "mnist", "66,170", "3,731,328"),
        ("mnist-vgg", "mnist", "298,410", "29,138,688"),
        ("resnet20", "cifar10", "219,482", "33,737,216"),
        ("resnet56", "cifar10", "590,426", "87,214,592"),
        ("resnet164", "cifar10", "1,703,258", "247,646,720"),
        ("densenet40", "cifar10", "1,059,298", "282,917,328"),
        ("densenet40-paper", "cifar10", "1,019,722", "264,812,928"),
    ]

    @Test(arguments: expected)
    func summaryOfAPlanGivesTheReferenceCost(model: String, dataset: String, params: String, macs: String) throws {
        let scratch = ScratchDirectory()
        let log = scratch.url.appendingPathComponent("arch.log").path
        let plan = try train.run(["plan", "--model", model, "--dataset", dataset, "-o", log], environment: quick)
        #expect(plan.status == 0, "\(plan.standardError)")
        #expect(plan.standardOutput.hasPrefix("wrote \(log) ("))
        let summary = try report.run(["summary", log])
        #expect(summary.status == 0, "\(summary.standardError)")
        let total = summary.standardOutput.split(separator: "\n").first { $0.hasPrefix("total ") }
        #expect(total?.split(separator: " ").map(String.init).prefix(3) == ["total", params, macs], "\(summary.standardOutput)")
        #expect(summary.standardOutput.contains(" — plan\n"))
        let events = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(events.count == 2 && events[0].contains("\"type\":\"run\"") && events[1].contains("\"type\":\"architecture\""))
    }

    @Test func whatifOnAPlanExplainsThereIsNoGamma() throws {
        let scratch = ScratchDirectory()
        let log = scratch.url.appendingPathComponent("arch.log").path
        _ = try train.run(["plan", "--model", "mnist-small", "-o", log, "-q"], environment: quick)
        let whatif = try report.run(["whatif", log])
        #expect(whatif.status == 1)
        #expect(whatif.standardError == "slim-report: error: mnist-small on mnist-5k (plan): the log has no γ snapshot, so there are no γ to sweep or chart (a log of 'run' and 'architecture' only, as 'slim-train plan' writes, has costs but no γ); slim-train records γ at every epoch end\n")
        let check = try report.run(["check", log])
        #expect(check.standardOutput.contains("status         plan: run and architecture only"))
        let again = try train.run(["plan", "--model", "mnist-small", "-o", log], environment: quick)
        #expect(again.status == 1 && again.standardError.contains("\(log)"))
    }
}
