import SlimAnalysis
import SlimLog

/// The series a run's charts share, derived once from a `RunAnalysis` (a class so the costly
/// γ timeline is computed on first use and shared by every chart of the report).
final class RunData {
    let run: RunAnalysis
    let summaries: [PassSummary]
    /// Prunable BN layers of the original network, in architecture order.
    let layers: [String]
    /// The layers the per-layer charts draw: all of them, or `maxChartLayers` evenly spaced
    /// through the network (first and last included) when there are more.
    let chartLayers: [String]

    /// Per-layer charts of deeper networks show this many layers: thousands of bars, rows or
    /// panels cannot be read and would make pages of megabytes.
    static let maxChartLayers = 64

    init(_ run: RunAnalysis) {
        self.run = run
        summaries = run.passSummaries
        layers = run.architectures.first?.prunableBatchNorms.map(\.name)
            ?? run.gammas.first?.layers.map(\.layer) ?? []
        chartLayers = Self.sampled(layers)
    }

    /// `names`, or `maxChartLayers` of them evenly spaced when there are more.
    static func sampled<T>(_ names: [T]) -> [T] {
        GammaCharts.evenlySpaced(names.count, atMost: maxChartLayers).map { names[$0] }
    }

    /// The note a section gives when its per-layer charts show only some of `count` layers.
    static func sampleNote(_ count: Int, kind: String) -> String? {
        guard count > maxChartLayers else { return nil }
        return "The network has \(count) \(kind); the per-layer charts show \(maxChartLayers) of them, evenly spaced "
            + "from the first to the last; slim-report summary lists every layer."
    }

    /// Statistics of every γ snapshot, in log order.
    private(set) lazy var gammaTimeline: [SnapshotStatistics] = run.gammaTimeline

    /// Width of `layer` after each pass (index = position in `summaries`).
    func widths(of layer: String) -> [Int?] {
        summaries.map { s in s.widths.first { $0.layer == layer }?.width }
    }

    /// "original" for the first pass, "pass k" after.
    func passLabel(_ pass: Int) -> String { pass == (summaries.first?.pass ?? 0) ? "original" : "pass \(pass)" }

    /// The snapshot the global threshold was taken on: the last one before the first prune,
    /// else the last one of the run.
    var thresholdSnapshot: GammaSnapshot? { run.pruneSnapshot }

    /// The threshold for `thresholdSnapshot`.
    var threshold: Double? { thresholdSnapshot.flatMap { run.referenceThreshold(pass: $0.pass) } }

    /// Epochs in log order with a running index across all phases and passes (1-based).
    var epochIndex: [(x: Double, record: EpochRecord)] {
        run.epochs.enumerated().map { (Double($0.offset + 1), $0.element) }
    }

    /// The running epoch axis of the training and γ charts.
    private(set) lazy var clock = EpochClock(epochs: run.epochs)

    /// Where each prune happened on the running epoch axis: after the last epoch before it.
    var pruneMarks: [(x: Double, pass: Int)] {
        run.prunes.map { (clock.start(ofPass: $0.pass), $0.pass) }
    }
}
