import SlimLog

/// The summary of one or more runs, as `slim-report summary` prints it: cost and accuracy per
/// pass, pruning patterns, γ statistics and the sparsity verdict, and a comparison when
/// there are several runs. Every derived number is computed once, here.
public struct Summary: Sendable {
    /// The JSON `schema` field.
    public static let schema = "slim-summary/2"

    public var runs: [RunDigest]
    /// Present for two or more runs.
    public var comparison: RunComparison?

    /// `labels` name the runs (default: their recorded names).
    public init(runs: [RunAnalysis], labels: [String]? = nil) {
        let labels = labels ?? runs.map(\.name)
        self.runs = zip(runs, labels).map { RunDigest(run: $0, label: $1) }
        comparison = runs.count > 1 ? RunComparison(runs: runs, labels: labels) : nil
    }

    /// The summary in `format`.
    public func rendered(as format: SummaryFormat) -> String {
        switch format {
        case .text: document.text
        case .markdown: document.markdown
        case .json: json.rendered + "\n"
        case .csv: csv
        }
    }
}

/// The derived numbers of one run.
public struct RunDigest: Sendable {
    public var label: String
    public var source: String
    public var header: RunHeader?
    /// `completed`, `stopped`, `failed`, or `incomplete` when the log has no end event.
    public var status: String
    public var resumes: Int
    public var passes: [PassSummary]
    public var patterns: [PrunePattern]
    public var verdicts: [SparsityVerdict]
    public var timeline: [SnapshotStatistics]

    public init(run: RunAnalysis, label: String) {
        self.label = label
        source = run.source
        header = run.header
        status = RunEnd.statusWord(run.end, trained: run.isTrained)
        resumes = run.resumes
        passes = run.passSummaries
        patterns = run.prunePatterns
        verdicts = run.sparsityVerdicts
        timeline = run.gammaTimeline
    }

    /// The first and last snapshot of every pass: how γ moved over its epochs.
    public var timelineEnds: [SnapshotStatistics] {
        var result: [SnapshotStatistics] = []
        for (i, s) in timeline.enumerated() {
            let first = i == 0 || timeline[i - 1].pass != s.pass
            let last = i == timeline.count - 1 || timeline[i + 1].pass != s.pass
            if first || last { result.append(s) }
        }
        return result
    }
}
