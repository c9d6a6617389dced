import SlimAnalysis
import SlimLog

/// Costs and accuracy before → after, and the configuration of the run.
enum HeadlineSection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "Headline")
        guard let first = data.summaries.first, let last = data.summaries.last else {
            section.blocks.append(.note("The log has no architecture event, so costs cannot be computed."))
            return section
        }
        var rows: [[String]] = [
            ["parameters", Format.count(first.cost.params), Format.count(last.cost.params), Format.change(Double(first.cost.params), Double(last.cost.params))],
            ["FLOPs", Format.count(first.cost.flops), Format.count(last.cost.flops), Format.change(Double(first.cost.flops), Double(last.cost.flops))],
            ["MACs", Format.count(first.cost.macs), Format.count(last.cost.macs), Format.change(Double(first.cost.macs), Double(last.cost.macs))],
            ["model bytes", Format.bytes(first.cost.modelBytes), Format.bytes(last.cost.modelBytes), Format.change(Double(first.cost.modelBytes), Double(last.cost.modelBytes))],
        ]
        var warnings: [String] = []
        for speedup in last.speedups {
            let (row, warning) = latencyRow(speedup, original: first.measured?.latency.first { $0.batch == speedup.batch },
                                            final: last.measured?.latency.first { $0.batch == speedup.batch })
            rows.append(row)
            if let warning { warnings.append(warning) }
        }
        if let story = story(data) { section.blocks.append(.paragraph(story)) }
        if data.summaries.count == 1 {
            // One network (nothing pruned yet, or a pruned checkpoint imported alone): no "+0.0 %".
            section.blocks.append(.table(ReportTable(header: ["", "network"], rows: rows.map { Array($0.prefix(2)) })))
        } else {
            section.blocks.append(.table(ReportTable(header: ["", "original", "pass \(last.pass)", "change"], rows: rows)))
        }
        section.blocks += warnings.map { .note($0) }
        section.blocks.append(.paragraph(NetworkCost.flopsConvention + ". Latency: median of the measured repeats on the training machine."))
        if last.speedups.isEmpty { section.blocks.append(.note("No latency measurement of both the original and the final network in the log.")) }

        var accuracy: [[String]] = []
        // A pruned network imported alone is pass 0 with the phase it was saved in.
        let prunedAlone = data.run.prunes.isEmpty && data.run.gammas.first.map { [.pruned, .finetune].contains($0.phase) } == true
        accuracy.append([prunedAlone ? "pruned network, as saved" : "baseline (before pruning)", Format.percent(first.accuracy.beforePrune)])
        for s in data.summaries.dropFirst() {
            accuracy.append(["pass \(s.pass): pruned, before fine-tuning", Format.percent(s.accuracy.afterPrune)])
            if let plain = s.accuracy.afterPruneUncompensated {
                accuracy.append(["pass \(s.pass): pruned without β compensation", Format.percent(plain)])
            }
            accuracy.append(["pass \(s.pass): fine-tuned", Format.percent(s.accuracy.afterFinetune)])
        }
        section.blocks.append(.table(ReportTable(header: ["test accuracy", ""], rows: accuracy)))
        if let header = data.run.header { section.blocks.append(.table(configuration(header))) }
        return section
    }

    /// The full training configuration and the machine the run (and its latency) ran on.
    static func configuration(_ h: RunHeader) -> ReportTable {
        let c = h.config
        let n = { (x: Double) in Format.number(x) }
        var rows: [[String]] = [["model", c.model], ["dataset", c.dataset]]
        if let cfg = c.cfg, !cfg.isEmpty { rows.append(["cfg", cfg.joined(separator: " ")]) }
        let schedule = c.lrMilestones.map { m in
            "× \(c.lrGamma.map(n) ?? "?") at " + m.map { "\(Format.percent($0, decimals: 0))" }.joined(separator: ", ") + " of each phase"
        }
        let optional: [(String, String?)] = [
            ("λ (L1 on γ)", c.lambda.map(n)), ("prune ratio", c.pruneRatio.map(n)),
            ("passes", c.passes.map { "\($0)" }), ("epochs", c.epochs.map { "\($0)" }),
            ("fine-tune epochs", c.finetuneEpochs.map { "\($0)" }), ("batch size", c.batchSize.map { "\($0)" }),
            ("learning rate", c.learningRate.map(n)), ("learning-rate schedule", schedule),
            ("momentum", c.momentum.map(n)), ("weight decay", c.weightDecay.map(n)), ("seed", c.seed.map { "\($0)" }),
            ("training threads", c.threads.map { "\($0)" }),
            ("min channels", c.minChannels.map { "\($0)" }), ("max layer ratio", c.maxLayerRatio.map(n)),
            ("compensation", c.compensation), ("γ logged every", c.gammaEvery.map { "\($0) steps" }),
        ]
        rows += optional.compactMap { name, value in value.map { [name, $0] } }
        // The machine: CPU, cores, threads, BLAS, OS as the engine recorded them.
        for (key, value) in h.environment {
            rows.append(["machine: \(key)", value.displayText])
        }
        return ReportTable(header: ["configuration", ""], rows: rows)
    }
}
