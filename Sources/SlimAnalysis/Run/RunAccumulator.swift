import SlimLog

/// Collects the events of one run log, one at a time, into a `RunAnalysis`.
///
/// Feed it straight from the streaming reader: it keeps the run's small records and the γ
/// snapshots, nothing else, so memory is bounded by the γ data. A `resume` marker discards
/// what the crashed segment wrote after the checkpoint it resumes from; the repeated events
/// that follow replace them.
public struct RunAccumulator: Sendable {
    private var source: String
    private var header: RunHeader?
    private var architectures: [Int: Architecture] = [:]
    private var epochs: [EpochRecord] = []
    /// Where each (pass, phase, epoch) sits in `epochs`, so a repeated epoch replaces the old one.
    private var epochIndex: [EpochKey: Int] = [:]
    private var gammas: [GammaSnapshot] = []
    private var prunes: [Int: PruneRecord] = [:]
    private var measures: [Measurement] = []
    private var warnings: [RunWarning] = []
    private var scalars: [ScalarPoint] = []
    private var end: RunEnd?
    private var resumes = 0

    /// `source` names the log in messages (usually its path).
    public init(source: String) { self.source = source }

    /// Takes the next event of the log.
    public mutating func add(_ event: Event) {
        switch event {
        case let .run(run):
            if header == nil { header = run }
        case let .architecture(architecture):
            architectures[architecture.pass] = architecture
        case let .epoch(epoch):
            let key = EpochKey(epoch)
            if let i = epochIndex[key] {
                epochs[i] = epoch
            } else {
                epochIndex[key] = epochs.count
                epochs.append(epoch)
            }
        case let .gamma(snapshot):
            // A resumed run may repeat the snapshot of the step it restarts from.
            if let last = gammas.last, last.pass == snapshot.pass, last.phase == snapshot.phase,
               last.step == snapshot.step {
                gammas.removeLast()
            }
            gammas.append(snapshot)
        case let .prune(prune):
            prunes[prune.pass] = prune
        case let .measure(measure):
            measures.removeAll { $0.pass == measure.pass && $0.phase == measure.phase }
            measures.append(measure)
        case let .resume(marker):
            resumes += 1
            epochs.removeAll { $0.step > marker.step }
            epochIndex = Dictionary(epochs.enumerated().map { (EpochKey($1), $0) }, uniquingKeysWith: { $1 })
            gammas.removeAll { $0.step > marker.step }
            prunes = prunes.filter { $0.key <= marker.pass }
            architectures = architectures.filter { $0.key <= marker.pass }
            measures.removeAll { $0.pass > marker.pass }
            warnings.removeAll { ($0.pass ?? 0) > marker.pass }
            scalars.removeAll { point in
                point.step.map { $0 > marker.step } ?? (point.pass > marker.pass
                    || (point.pass == marker.pass && point.phase == marker.phase && point.epoch >= marker.epoch))
            }
            end = nil
        case let .warning(warning):
            if !warnings.contains(warning) { warnings.append(warning) }
        case let .scalar(point):
            scalars.append(point)
        case let .end(runEnd):
            end = runEnd
        }
    }

    /// The analysis of everything added so far (a partial log gives a partial analysis).
    public func finish() throws(AnalysisError) -> RunAnalysis {
        var analysis = try RunAnalysis(source: source, header: header,
                        architectures: architectures.values.sorted { $0.pass < $1.pass },
                        epochs: epochs, gammas: gammas,
                        prunes: prunes.values.sorted { $0.pass < $1.pass },
                        measures: measures, warnings: warnings, end: end, resumes: resumes)
        analysis.scalars = scalars
        return analysis
    }
}

private struct EpochKey: Hashable, Sendable {
    var pass: Int
    var phase: Phase
    var epoch: Int
    init(_ e: EpochRecord) { pass = e.pass; phase = e.phase; epoch = e.epoch }
}
