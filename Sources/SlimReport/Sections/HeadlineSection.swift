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
            ["parameters", Text.count(first.cost.params), Text.count(last.cost.params), Text.change(Double(first.cost.params), Double(last.cost.params))],
            ["FLOPs", Text.count(first.cost.flops), Text.count(last.cost.flops), Text.change(Double(first.cost.flops), Double(last.cost.flops))],
            ["model bytes", Text.bytes(first.cost.modelBytes), Text.bytes(last.cost.modelBytes), Text.change(Double(first.cost.modelBytes), Double(last.cost.modelBytes))],
        ]
        for speedup in last.speedups {
            rows.append(["latency, batch \(speedup.batch)", Text.ms(speedup.latencyMs.before), Text.ms(speedup.latencyMs.after),
                         Text.change(speedup.latencyMs.before, speedup.latencyMs.after)])
        }
        if data.summaries.count == 1 {
            // One network (nothing pruned yet, or a pruned checkpoint imported alone): no "+0.0 %".
            section.blocks.append(.table(ReportTable(header: ["", "network"], rows: rows.map { Array($0.prefix(2)) })))
        } else {
            section.blocks.append(.table(ReportTable(header: ["", "original", "pass \(last.pass)", "change"], rows: rows)))
        }
        section.blocks.append(.paragraph(NetworkCost.flopsConvention + ". Latency: median of the measured repeats on the training machine."))
        if last.speedups.isEmpty { section.blocks.append(.note("No latency measurement of both the original and the final network in the log.")) }

        var accuracy: [[String]] = []
        // A pruned network imported alone is pass 0 with the phase it was saved in.
        let prunedAlone = data.run.prunes.isEmpty && data.run.gammas.first.map { [.pruned, .finetune].contains($0.phase) } == true
        accuracy.append([prunedAlone ? "pruned network, as saved" : "baseline (before pruning)", Text.percent(first.accuracy.beforePrune)])
        for s in data.summaries.dropFirst() {
            accuracy.append(["pass \(s.pass): pruned, before fine-tuning", Text.percent(s.accuracy.afterPrune)])
            if let plain = s.accuracy.afterPruneUncompensated {
                accuracy.append(["pass \(s.pass): pruned without β compensation", Text.percent(plain)])
            }
            accuracy.append(["pass \(s.pass): fine-tuned", Text.percent(s.accuracy.afterFinetune)])
        }
        section.blocks.append(.table(ReportTable(header: ["test accuracy", ""], rows: accuracy)))
        if let config = data.run.header?.config { section.blocks.append(.table(configuration(config))) }
        return section
    }

    static func configuration(_ c: RunConfig) -> ReportTable {
        var rows: [[String]] = [["model", c.model], ["dataset", c.dataset]]
        if let cfg = c.cfg, !cfg.isEmpty { rows.append(["cfg", cfg.joined(separator: " ")]) }
        let optional: [(String, String?)] = [
            ("λ (L1 on γ)", c.lambda.map { "\($0)" }), ("prune ratio", c.pruneRatio.map { "\($0)" }),
            ("passes", c.passes.map { "\($0)" }), ("epochs", c.epochs.map { "\($0)" }),
            ("fine-tune epochs", c.finetuneEpochs.map { "\($0)" }), ("batch size", c.batchSize.map { "\($0)" }),
            ("learning rate", c.learningRate.map { "\($0)" }), ("seed", c.seed.map { "\($0)" }),
            ("min channels", c.minChannels.map { "\($0)" }), ("max layer ratio", c.maxLayerRatio.map { "\($0)" }),
            ("compensation", c.compensation),
        ]
        rows += optional.compactMap { name, value in value.map { [name, $0] } }
        return ReportTable(header: ["configuration", ""], rows: rows)
    }
}
