import SlimAnalysis
import SlimCharts
import SlimLog

/// Why the pruned network is (or is not) faster: per-layer measured time against FLOPs, time
/// by kind of layer, and the prune with hardware-friendly widths.
enum LatencySection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "Latency by layer")
        let profiles = data.run.layerTimeProfiles
        guard let first = profiles.first else {
            section.blocks.append(.note("The log's measurements have no per-layer times (recorded by slim-train since issue 19 and by the Python recorder's measure), so there is no latency breakdown."))
            return section
        }
        section.blocks.append(.paragraph(setting(profiles, first: first)))
        let shifts = data.run.latencyShifts
        let lastPass = shifts.map(\.after.pass).max()
        for shift in shifts where shift.after.pass == lastPass { section.blocks.append(.paragraph(shift.explanation)) }
        if let f = LatencyCharts.timeShare(data) {
            let rows = Double(f.panels.first.map { _ in LatencyCharts.shift(data)?.before.rows.count ?? 8 } ?? 8)
            section.blocks.append(.chart(ReportChart(name: "layer-time-share", graphic: f,
                                                     size: Size(width: 720, height: 140 + 20 * rows), keepsHeight: true)))
        }
        if let f = LatencyCharts.timeByKind(data) {
            section.blocks.append(.chart(ReportChart(name: "time-by-kind", graphic: f, size: Size(width: 640, height: 320))))
        }
        if let shift = LatencyCharts.shift(data) { section.blocks.append(.table(layerTable(shift))) }
        if let rows = try? data.run.roundedWidths(), !rows.isEmpty {
            section.blocks.append(.paragraph(roundingText(rows)))
            section.blocks.append(.table(roundingTable(rows)))
        }
        return section
    }

    /// Where and how it was measured, and how well the layers add up to the whole.
    static func setting(_ profiles: [LayerTimeProfile], first: LayerTimeProfile) -> String {
        let cpus = Set(profiles.compactMap(\.cpu)).sorted()
        let threads = Set(profiles.compactMap(\.threads)).sorted()
        let repeats = profiles.compactMap(\.repeats)
        let ratios = profiles.map(\.sumRatio).filter(\.isFinite)
        var text = "Measured in a fresh process"
        if !cpus.isEmpty { text += " on \(cpus.joined(separator: " and "))" }
        if !threads.isEmpty { text += " with \(threads.map(String.init).joined(separator: "/")) thread\(threads == [1] ? "" : "s")" }
        text += ": each layer's forward time in the same warm passes as the whole model"
        if let lo = repeats.min(), let hi = repeats.max() { text += " (\(lo == hi ? "\(lo)" : "\(lo)–\(hi)") timed passes, until the median settled)" }
        text += "."
        if let lo = ratios.min(), let hi = ratios.max() {
            text += " The per-layer medians add up to \(Text.percent(lo))–\(Text.percent(hi)) of the whole model's median."
        }
        return text + " A CPU profile is not a GPU's: on a GPU, BN, ReLU and pooling cost launch overhead and memory traffic in other proportions."
    }

    static func layerTable(_ shift: LatencyShift) -> ReportTable {
        let b = shift.after.batch
        func rate(_ row: LayerTime?, _ profile: LayerTimeProfile) -> String {
            row.flatMap { $0.gflopsPerSecond(batch: profile.batch) }.map { NumberText.fixed($0, decimals: 1) } ?? "–"
        }
        let rows = shift.before.rows.map { old -> [String] in
            let new = shift.after.rows.first { $0.name == old.name }
            let width = old.outChannels.map { o in new?.outChannels.map { $0 == o ? "\(o)" : "\(o) → \($0)" } ?? "\(o) → –" } ?? "–"
            return [old.name + (old.fused.isEmpty ? "" : " +\(old.fused.count)"), old.kind.rawValue, width,
                    "\(Text.percent(shift.before.flopsShare(old))) → \(new.map { Text.percent(shift.after.flopsShare($0)) } ?? "–")",
                    "\(Text.percent(shift.before.timeShare(old))) → \(new.map { Text.percent(shift.after.timeShare($0)) } ?? "–")",
                    "\(ms(old)) → \(new.map(ms) ?? "–")",
                    "\(rate(old, shift.before)) → \(rate(new, shift.after))"]
        }
        return ReportTable(header: ["layer (+ fused)", "kind", "channels", "FLOPs share", "time share", "ms (min–max), batch \(b)", "GFLOP/s"],
                           rows: rows)
    }

    private static func ms(_ row: LayerTime) -> String {
        let spread = row.minMs.flatMap { lo in row.maxMs.map { " (\(NumberText.shortest(lo))–\(NumberText.shortest($0)))" } } ?? ""
        return NumberText.shortest(row.medianMs) + spread
    }

    /// Which multiple ran fastest, per pass and batch size.
    static func roundingText(_ rows: [RoundedWidthsRow]) -> String {
        var parts: [String] = []
        for pass in Array(Set(rows.map(\.pass))).sorted() {
            let ofPass = rows.filter { $0.pass == pass }
            let batches = Array(Set(ofPass.flatMap { $0.latency.map(\.batch) })).sorted()
            for batch in batches {
                let timed = ofPass.compactMap { r in r.latency.first { $0.batch == batch }.map { (r, $0) } }
                guard let best = timed.min(by: { $0.1.medianMs < $1.1.medianMs }), let plain = timed.first(where: { $0.0.multiple == 1 }) else { continue }
                let spread = timed.map(\.1.medianMs)
                let gap = (spread.max()! - spread.min()!) / max(spread.min()!, 1e-12)
                parts.append("pass \(pass), batch \(batch): fastest with multiples of \(best.0.multiple) (\(Text.ms(best.1.medianMs)) against \(Text.ms(plain.1.medianMs)) unrounded; all multiples within \(Text.percent(gap)))")
            }
        }
        return "Each prune's kept widths rounded up to multiples of 4, 8 and 16 (the removed channels with the largest |γ| come back) and timed the same way, right after the prune: " + parts.joined(separator: "; ") + ". A difference smaller than the min–max spread is noise."
    }

    static func roundingTable(_ rows: [RoundedWidthsRow]) -> ReportTable {
        let batches = Array(Set(rows.flatMap { $0.latency.map(\.batch) })).sorted()
        return ReportTable(
            header: ["pass", "round to", "parameters", "FLOPs"] + batches.map { "batch \($0) ms (min–max)" },
            rows: rows.map { r in
                ["\(r.pass)", r.multiple == 1 ? "1 (as pruned)" : "\(r.multiple)", Text.count(r.params), Text.count(r.flops)]
                    + batches.map { b in
                        r.latency.first { $0.batch == b }.map { l in
                            NumberText.shortest(l.medianMs) + (l.minMs.flatMap { lo in l.maxMs.map { " (\(NumberText.shortest(lo))–\(NumberText.shortest($0)))" } } ?? "")
                        } ?? "–"
                    }
            })
    }
}
