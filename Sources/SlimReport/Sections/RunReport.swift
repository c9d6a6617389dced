import SlimAnalysis
import SlimLog

/// The report of one run.
public enum RunReport {
    /// Every section of one run's report; `warnings` from reading the log appear as notes.
    public static func document(_ run: RunAnalysis, warnings: [String] = []) -> ReportDocument {
        let data = RunData(run)
        // The writer's own warnings (e.g. an imported network that has collapsed) on page 1.
        var notes = warnings + run.warnings.map(\.message)
        let status = RunEnd.statusWord(run.end, trained: run.isTrained)
        if !run.isTrained {
            notes.insert("Status 'plan': the log holds the architecture only (slim-train plan), no training; it shows costs.", at: 0)
        } else if !run.isComplete {
            notes.insert("Status '\(status)': the log has no end event (the run crashed, was killed or is still going). The report shows what was recorded.", at: 0)
        } else if let end = run.end, end.status != .completed {
            notes.insert("Status '\(status)': the run ended that way\(end.error.map { ": \($0)" } ?? "").", at: 0)
        }
        var subtitle = run.source
        if let h = run.header { subtitle = "\(h.runID) · \(h.created) · \(h.engine.name) \(h.engine.version)" }
        return ReportDocument(title: run.name, subtitle: subtitle, notes: notes, sections: [
            HeadlineSection.make(data), PruningSection.make(data), GammaSection.make(data),
            TrainingSection.make(data), CostSection.make(data), LatencySection.make(data),
        ])
    }
}
