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
            text += " The per-layer medians add up to \(Format.percent(lo))–\(Format.percent(hi)) of the whole model's median."
        }
        // On a loaded machine a pass with a stall anywhere raises the whole-model median, while
        // each layer's median skips its own stalls: a low sum marks a whole-model figure to distrust.
        let low = profiles.filter { $0.sumRatio < 0.8 }
        if !low.isEmpty {
            text += " " + low.map { "Pass \($0.pass) at batch \($0.batch) adds up to only \(Format.percent($0.sumRatio, decimals: 0))" }.joined(separator: "; ")
                + ": stalls on a loaded machine raised its whole-model median more than any layer's, so its whole-model time (and the savings computed from it) overstates the unloaded time."
        }
        return text + " A CPU profile is not a GPU's: on a GPU, BN, ReLU and pooling cost launch overhead and memory traffic in other proportions."
    }

    /// Per layer, original → last pass: channels, FLOPs and time shares, median ms, the pruned
    /// layer's min–max, GFLOP/s (a fused run under its first layer, as in the charts).
    static func layerTable(_ shift: LatencyShift) -> ReportTable {
        func share(_ x: Double) -> String { Format.percent(x, decimals: 0) }
        func ms(_ x: Double) -> String { Format.number(x, digits: 2) }
        func rate(_ row: LayerTime?, _ batch: Int) -> String {
            row.flatMap { $0.gflopsPerSecond(batch: batch) }.map { Format.number($0, digits: 2) } ?? "–"
        }
        let rows = shift.before.rows.map { old -> [String] in
            let new = shift.after.rows.first { $0.name == old.name }
            let width = old.outChannels.map { o in new?.outChannels.map { $0 == o ? "\(o)" : "\(o) → \($0)" } ?? "\(o) → –" } ?? "–"
            let spread = new.flatMap { n in n.minMs.flatMap { lo in n.maxMs.map { "\(ms(lo))–\(ms($0))" } } } ?? "–"
            return [old.name, width,
                    "\(share(shift.before.flopsShare(old))) → \(new.map { share(shift.after.flopsShare($0)) } ?? "–")",
                    "\(share(shift.before.timeShare(old))) → \(new.map { share(shift.after.timeShare($0)) } ?? "–")",
                    "\(ms(old.medianMs)) → \(new.map { ms($0.medianMs) } ?? "–")", spread,
                    "\(rate(old, shift.before.batch)) → \(rate(new, shift.after.batch))"]
        }
        return ReportTable(header: ["layer", "channels", "FLOPs", "time", "ms b\(shift.after.batch)", "range", "GFLOP/s"],
                           rows: rows)
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
                // Ranges that overlap cannot rank the widths on a machine this noisy.
                let overlap = timed.contains { other in
                    other.0.multiple != best.0.multiple && (other.1.minMs ?? other.1.medianMs) <= (best.1.maxMs ?? best.1.medianMs)
                }
                parts.append("pass \(pass), batch \(batch): lowest median with multiples of \(best.0.multiple) (\(Format.milliseconds(best.1.medianMs)) against \(Format.milliseconds(plain.1.medianMs)) unrounded)"
                             + (overlap ? ", but the min–max ranges overlap, so no width is clearly faster" : ", clear of every other range"))
            }
        }
        return "Each prune's kept widths rounded up to multiples of 4, 8 and 16 (the removed channels with the largest |γ| come back) and timed the same way, right after the prune: " + parts.joined(separator: "; ") + ". Each was timed in its own process, one after another, so a change of load between them shows as a difference: read them against their min–max (slim-train measure-model with several --cfg times widths interleaved)."
    }

    static func roundingTable(_ rows: [RoundedWidthsRow]) -> ReportTable {
        let batches = Array(Set(rows.flatMap { $0.latency.map(\.batch) })).sorted()
        return ReportTable(
            header: ["pass", "round to", "parameters", "FLOPs"] + batches.map { "batch \($0) ms (min–max)" },
            rows: rows.map { r in
                ["\(r.pass)", r.multiple == 1 ? "1 (as pruned)" : "\(r.multiple)", Format.count(r.params), Format.count(r.flops)]
                    + batches.map { b in
                        r.latency.first { $0.batch == b }.map { l in
                            Format.number(l.medianMs, digits: 3)
                                + (l.minMs.flatMap { lo in l.maxMs.map { " (\(Format.number(lo, digits: 3))–\(Format.number($0, digits: 3)))" } } ?? "")
                        } ?? "–"
                    }
            })
    }
}
