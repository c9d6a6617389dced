import SlimLog

extension Summary {
    /// The content shared by the text and Markdown outputs.
    var document: Document {
        var doc = Document()
        for run in runs { run.describe(into: &doc) }
        comparison?.describe(into: &doc)
        return doc
    }
}

extension RunDigest {
    func describe(into doc: inout Document) {
        doc.title("\(label) — \(status)")
        var facts = ["log \(source)"]
        if let c = header?.config {
            facts.append("model \(c.model)")
            facts.append("dataset \(c.dataset)")
            if let l = c.lambda { facts.append("λ \(Format.number(l))") }
            if let p = c.pruneRatio { facts.append("prune ratio \(Format.number(p))") }
            if let p = c.passes { facts.append("passes \(p)") }
            if let s = c.seed { facts.append("seed \(s)") }
        }
        if resumes > 0 { facts.append("resumed \(resumes)×") }
        doc.paragraph(facts.joined(separator: " · "))
        if status == "incomplete" { doc.paragraph("Note: the log has no end event; the run crashed or is still running. Showing what it holds.") }
        if status == "plan" { doc.paragraph("Note: the log holds the architecture only (slim-train plan): costs, no training.") }

        if passes.isEmpty {
            doc.paragraph("No architecture event: costs and widths are unavailable.")
        } else {
            doc.heading("Cost and accuracy per pass. \(NetworkCost.flopsConvention).")
            // The uncompensated column only when the run compensated (it is empty otherwise).
            let compensated = passes.contains { $0.accuracy.afterPruneUncompensated != nil }
            doc.table(ExportTable(
                headers: ["pass", "params", "saved", "MACs", "FLOPs", "saved", "model", "activations", "acc. before prune", "after prune"]
                    + (compensated ? ["uncompensated"] : []) + ["after fine-tune"],
                rows: passes.map { p in
                    [String(p.pass), Format.count(p.cost.params), p.pass == 0 ? "–" : Format.percent(p.fromOriginal.params.savedFraction),
                     Format.scientific(Double(p.cost.macs)), Format.scientific(Double(p.cost.flops)),
                     p.pass == 0 ? "–" : Format.percent(p.fromOriginal.flops.savedFraction),
                     Format.bytes(p.cost.modelBytes), Format.bytes(p.cost.activationBytes),
                     Format.percent(p.accuracy.beforePrune, decimals: 2), Format.percent(p.accuracy.afterPrune, decimals: 2)]
                        + (compensated ? [Format.percent(p.accuracy.afterPruneUncompensated, decimals: 2)] : [])
                        + [Format.percent(p.accuracy.afterFinetune, decimals: 2)]
                }))
            if compensated {
                doc.paragraph("After prune: with the removed channels' constant outputs folded into the next layer (--compensation beta); uncompensated: had they simply been dropped, as the reference code does.")
            }
        }

        let measured = passes.flatMap { p in (p.measured?.latency ?? []).map { (p, $0) } }
        if !measured.isEmpty {
            doc.heading("Measured latency (median) and memory against FLOPs")
            doc.table(ExportTable(
                headers: ["pass", "phase", "batch", "latency", "latency saved", "FLOPs saved", "latency/FLOPs saved", "peak memory", "saved"],
                rows: measured.map { p, l in
                    let s = p.speedups.first { $0.batch == l.batch }
                    return [String(p.pass), p.measured?.phase.rawValue ?? "", String(l.batch), Format.milliseconds(l.medianMs),
                            Format.percent(s?.latencyMs.savedFraction), Format.percent(s?.flops.savedFraction),
                            s?.latencyPerFLOPSaved.map { Format.number($0, digits: 3) } ?? "–",
                            p.measured?.peakMemoryBytes.map(Format.bytes) ?? "–", Format.percent(p.peakMemory?.savedFraction)]
                }))
        }

        if passes.count == 1, let only = passes.first { only.cost.describeLayers(into: &doc) }

        for pattern in patterns { pattern.describe(into: &doc) }

        if passes.count > 1 {
            doc.heading("Widths per pass")
            let layers = passes[0].widths.map(\.layer)
            doc.table(ExportTable(
                headers: ["layer"] + passes.map { "pass \($0.pass)" } + ["kept"],
                rows: layers.map { layer in
                    let ws: [Int?] = passes.map { p in p.widths.first { $0.layer == layer }?.width }
                    var kept: Double?
                    if let w0 = ws.first ?? nil, let wn = ws.last ?? nil { kept = w0 == 0 ? 1 : Double(wn) / Double(w0) }
                    let cells: [String] = ws.map { $0.map(String.init) ?? "–" }
                    return [layer] + cells + [Format.percent(kept)]
                }))
        }

        if !timeline.isEmpty {
            doc.heading("Pooled |γ| of prunable layers, first and last snapshot of each pass")
            doc.table(ExportTable(
                headers: ["pass", "phase", "epoch", "step", "min", "p25", "median", "p95", "max", "<1e-2", "<1e-3", "threshold", "≤ thr.", "±5 %", "±10 %"],
                rows: timelineEnds.map { s in
                    let g = s.pooled
                    return [String(s.pass), s.phase.rawValue, String(s.epoch), String(s.step),
                            Format.number(g.min, digits: 3), Format.number(g.p25, digits: 3), Format.number(g.median, digits: 3),
                            Format.number(g.p95, digits: 3), Format.number(g.max, digits: 3),
                            Format.percent(g.fractionBelow1e2), Format.percent(g.fractionBelow1e3),
                            g.threshold.map { Format.number($0, digits: 3) } ?? "–", Format.percent(g.fractionAtOrBelowThreshold),
                            g.within5Percent.map(String.init) ?? "–", g.within10Percent.map(String.init) ?? "–"]
                }))
            let nonFinite = timeline.last?.pooled.nonFinite ?? 0
            if nonFinite > 0 { doc.paragraph("Warning: the last snapshot has \(nonFinite) non-finite γ (training diverged).") }
        }

        for v in verdicts {
            doc.paragraph("Sparsity for \(v.planned ? "the planned" : "the") prune of pass \(v.pass) (ratio \(Format.number(v.ratio))): \(v.explanation).")
        }
    }
}

extension PrunePattern {
    func describe(into doc: inout Document) {
        doc.heading("Pruning pattern of pass \(pass): ratio \(Format.number(ratio)), threshold \(Format.number(threshold)), removed \(removed) of \(channelsBefore) channels")
        doc.table(ExportTable(
            headers: ["layer", "stage", "before", "after", "kept", "removed", "share of removed", "guard"],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .left],
            rows: layers.map { l in
                [l.layer, l.stage, String(l.before), String(l.after), Format.percent(l.keptRatio), String(l.removed),
                 Format.percent(l.shareOfRemoved), l.guardApplied ?? ""]
            }))
        var notes: [String] = []
        if let s = stageLostMost {
            notes.append("Stage that lost most: \(s.stage.name), \(s.removed) of \(s.before) channels (\(Format.percent(s.removedFraction))).")
        }
        let ranked = hardestHit
        let show = min(3, ranked.count / 2)
        if show > 0 {
            notes.append("Hardest hit: " + ranked.prefix(show).map { "\($0.layer) (\(Format.percent($0.keptRatio)) kept)" }.joined(separator: ", ")
                         + "; least hit: " + ranked.suffix(show).reversed().map { "\($0.layer) (\(Format.percent($0.keptRatio)) kept)" }.joined(separator: ", ") + ".")
        }
        notes.append(guarded.isEmpty ? "The collapse guard did not fire."
                     : "The collapse guard fired on: " + guarded.map { "\($0.layer) (\($0.guardApplied ?? ""))" }.joined(separator: ", ") + ".")
        doc.paragraph(lines: notes)
    }
}
