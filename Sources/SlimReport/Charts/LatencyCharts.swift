import SlimAnalysis
import SlimCharts

/// Where the measured time goes, per layer and per kind of layer (docs/analysis.md,
/// "Latency by layer").
enum LatencyCharts {
    /// The batch size the per-layer chart shows: 1 when profiled, else the smallest.
    static func shift(_ data: RunData) -> LatencyShift? {
        let shifts = data.run.latencyShifts
        let last = shifts.map(\.after.pass).max()
        let ofLast = shifts.filter { $0.after.pass == last }
        return ofLast.first { $0.after.batch == 1 } ?? ofLast.min { $0.after.batch < $1.after.batch }
    }

    /// Share of FLOPs next to share of measured time per layer, original and last pass.
    static func timeShare(_ data: RunData) -> Figure? {
        guard let shift = shift(data) else { return nil }
        func panel(_ profile: LayerTimeProfile, names: [String], label: String) -> Chart {
            let rows = names.map { n in profile.rows.first { $0.name == n } }
            return Chart(title: label, x: Axis("share", format: .percent()), y: Axis(grid: false),
                         marks: [BarMark(categories: names, series: [
                            .init("FLOPs", values: rows.map { $0.map(profile.flopsShare) ?? 0 }),
                            .init("time", values: rows.map { $0.map(profile.timeShare) ?? 0 })], orientation: .horizontal)])
        }
        let names = shift.before.rows.map(\.name)
        return Figure(title: "Share of FLOPs vs share of time per layer, batch \(shift.after.batch)",
                      panels: [panel(shift.before, names: names, label: "original"),
                               panel(shift.after, names: names, label: "pass \(shift.after.pass)")],
                      columns: 2, sharesX: true,
                      caption: "Medians of the per-layer times. " + fusedNote(shift.before) + NetworkCost.flopsConvention + ".")
    }

    /// Median time by kind of layer, stacked per pass, one panel per profiled batch size.
    static func timeByKind(_ data: RunData) -> Figure? {
        let profiles = data.run.layerTimeProfiles
        let batches = Array(Set(profiles.map(\.batch))).sorted()
        guard !batches.isEmpty else { return nil }
        let kinds = LayerKind.allCases.filter { k in profiles.contains { p in p.timeByKind.contains { $0.kind == k } } }
        let panels = batches.map { batch -> Chart in
            let ofBatch = profiles.filter { $0.batch == batch }
            let passes = ofBatch.map { data.passLabel($0.pass) }
            return Chart(title: "batch \(batch)", x: Axis(grid: false), y: Axis("ms (median)"),
                         marks: [BarMark(categories: passes, series: kinds.map { kind in
                            .init(kind.rawValue, values: ofBatch.map { p in p.timeByKind.first { $0.kind == kind }?.ms ?? 0 })
                         }, arrangement: .stacked)])
        }
        let note = profiles.first.map(fusedNote) ?? ""
        return Figure(title: "Time by kind of layer", panels: panels, columns: min(2, panels.count),
                      caption: "Per-layer medians summed by kind. " + note)
    }

    /// Says which layers ran fused and where their time went.
    static func fusedNote(_ profile: LayerTimeProfile) -> String {
        let fused = profile.rows.filter { !$0.fused.isEmpty }
        guard let example = fused.first else { return "" }
        return "\(fused.count) runs of layers ran fused and are timed as one under their first layer (e.g. \(example.name) includes \(example.fused.joined(separator: ", "))). "
    }
}
