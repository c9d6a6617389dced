import SlimLog

/// Everything one run log says, with costs recomputed from its architectures.
/// Build it with `RunAccumulator`; the derived numbers live in extensions by concern.
public struct RunAnalysis: Sendable {
    /// The log's path or another name used in messages.
    public var source: String
    /// Absent only when the log lacks its first line.
    public var header: RunHeader?
    /// One per pass, ascending; passes whose architecture was not recorded are derived from
    /// the previous one and the prune's kept channels.
    public var architectures: [Architecture]
    public var epochs: [EpochRecord]
    public var gammas: [GammaSnapshot]
    public var prunes: [PruneRecord]
    public var measures: [Measurement]
    /// The writer's `warning` events, in log order (a repeated one once).
    public var warnings: [RunWarning]
    /// Points of the free-form `scalar` series, in log order.
    public var scalars: [ScalarPoint] = []
    public var end: RunEnd?
    /// How many times the run was resumed.
    public var resumes: Int
    /// Cost of every architecture, same order as `architectures`.
    public var costs: [NetworkCost]

    init(source: String, header: RunHeader?, architectures: [Architecture], epochs: [EpochRecord],
         gammas: [GammaSnapshot], prunes: [PruneRecord], measures: [Measurement], warnings: [RunWarning],
         end: RunEnd?, resumes: Int, lines: [Int: Int] = [:]) throws(AnalysisError) {
        self.source = source; self.header = header; self.epochs = epochs; self.gammas = gammas
        self.prunes = prunes; self.measures = measures; self.warnings = warnings; self.end = end; self.resumes = resumes
        // Without an architecture there are no costs, but γ statistics still work.
        guard var known = architectures.first else {
            self.architectures = []
            self.costs = []
            return
        }
        var complete = [known]
        for prune in prunes where prune.pass > known.pass {
            if let recorded = architectures.first(where: { $0.pass == prune.pass }) {
                known = recorded
            } else {
                let kept = Dictionary(prune.layers.map { ($0.layer, $0.kept) }, uniquingKeysWith: { a, _ in a })
                do { known = try known.narrowed(keeping: kept, pass: prune.pass) } catch {
                    throw .located(source: source, line: lines[prune.pass] ?? 0, error)
                }
            }
            complete.append(known)
        }
        for a in architectures where !complete.contains(where: { $0.pass == a.pass }) { complete.append(a) }
        complete.sort { $0.pass < $1.pass }
        self.architectures = complete
        var costs: [NetworkCost] = []
        for a in complete {
            do { costs.append(try NetworkCost(architecture: a)) } catch {
                throw .located(source: source, line: lines[a.pass] ?? 0, error)
            }
        }
        self.costs = costs
    }

    /// The run's display name: the recorded name, else the source.
    public var name: String { header?.name ?? source }

    /// Passes with an architecture, ascending.
    public var passNumbers: [Int] { architectures.map(\.pass) }

    /// Whether the log ends with an `end` event.
    public var isComplete: Bool { end != nil }

    /// Whether the log records any training: an epoch, a γ snapshot or a prune (a plan has none).
    public var isTrained: Bool { !epochs.isEmpty || !gammas.isEmpty || !prunes.isEmpty }

    /// The architecture of `pass`.
    public func architecture(pass: Int) throws(AnalysisError) -> Architecture {
        guard !architectures.isEmpty else { throw .noArchitecture(run: name) }
        guard let a = architectures.first(where: { $0.pass == pass }) else {
            throw .passNotFound(run: name, pass: pass, available: passNumbers)
        }
        return a
    }

    /// The last test accuracy recorded in `pass` (any phase).
    func lastTestAccuracy(pass: Int) -> Double? {
        epochs.last { $0.pass == pass && $0.testAccuracy != nil }?.testAccuracy
    }
}
