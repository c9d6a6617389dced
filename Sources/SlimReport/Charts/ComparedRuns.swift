import SlimAnalysis
import SlimCharts

/// Runs put side by side, with their groups (runs equal but for the seed): what every
/// comparison chart draws from. A group is one series: its mean, with min–max over the seeds
/// when it has several; a single run's range is one standard error of its accuracy.
struct ComparedRuns {
    let comparison: RunComparison
    let data: [RunData]

    init(_ runs: [RunAnalysis], labels: [String]?) {
        comparison = RunComparison(runs: runs, labels: labels)
        data = runs.map(RunData.init)
    }

    var groups: [RunGroup] { comparison.groups }

    /// The group's legend label: its name, and n when it has several runs.
    func label(_ g: RunGroup) -> String { g.count > 1 ? "\(g.label) (n=\(g.count))" : g.label }

    /// Test images of the group's runs (the smallest), for standard errors.
    func testImages(_ g: RunGroup) -> Int? {
        let n = g.members.map { comparison.testImages[$0] }
        return n.contains { $0 == nil } ? nil : n.compactMap { $0 }.min()
    }

    /// Lower and upper end of a group's accuracy: min–max over several runs, ± one standard
    /// error for a single run (nil ends when the test set's size is unknown).
    func range(_ s: Spread?, _ g: RunGroup) -> (Double, Double) {
        guard let s else { return (.nan, .nan) }
        if s.count > 1 { return (s.min, s.max) }
        guard let n = testImages(g) else { return (.nan, .nan) }
        let e = accuracyStandardError(s.mean, images: n)
        return (s.mean - e, s.mean + e)
    }

    /// The subtitle sentence that says what the ranges are.
    var rangeNote: String {
        let grouped = groups.contains { $0.count > 1 }
        let single = groups.contains { $0.count == 1 }
        var parts: [String] = []
        if grouped { parts.append("groups of seeds: mean, bars min–max") }
        if single, groups.allSatisfy({ testImages($0) != nil }) { parts.append("single runs: bars ±1 standard error") }
        return parts.joined(separator: "; ")
    }
}
