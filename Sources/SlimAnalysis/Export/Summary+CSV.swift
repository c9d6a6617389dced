import SlimLog

extension Summary {
    /// One row per run and pass. Fixed columns first, then `latency_ms_batch_<b>` for every
    /// measured batch size and `width:<layer>` for every prunable BN layer of any run.
    public var csv: String {
        var batches: [Int] = []
        var layers: [String] = []
        for run in runs {
            for p in run.passes {
                for l in p.measured?.latency ?? [] where !batches.contains(l.batch) { batches.append(l.batch) }
                for w in p.widths where !layers.contains(w.layer) { layers.append(w.layer) }
            }
        }
        batches.sort()
        var lines = [(Self.csvColumns + batches.map { "latency_ms_batch_\($0)" } + layers.map { "width:\($0)" })
            .map(\.csvField).joined(separator: ",")]
        // Full precision in the JSON spelling; non-finite numbers as NaN / Infinity.
        func number(_ x: Double?) -> String { x.map { JSONValue.number($0).replacingAll("\"", with: "") } ?? "" }
        for run in runs {
            for p in run.passes {
                // Numbers never need quoting; the run's name and file are text from outside.
                var cells = [String(p.pass), String(p.cost.params), String(p.cost.buffers),
                             String(p.cost.macs), String(p.cost.flops), String(p.cost.allOpsFLOPs),
                             String(p.cost.modelBytes), String(p.cost.activationBytes),
                             number(p.fromOriginal.params.savedFraction), number(p.fromOriginal.flops.savedFraction),
                             number(p.accuracy.beforePrune), number(p.accuracy.afterPrune), number(p.accuracy.afterFinetune),
                             p.measured?.peakMemoryBytes.map(String.init) ?? "", number(p.accuracy.afterPruneUncompensated)]
                cells += batches.map { b in number(p.measured?.latency.first { $0.batch == b }?.medianMs) }
                cells += layers.map { l in p.widths.first { $0.layer == l }.map { String($0.width) } ?? "" }
                lines.append(([run.label.csvTextField, run.source.csvTextField] + cells).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let csvColumns = ["run", "source", "pass", "params", "buffers", "macs", "flops", "all_ops_flops",
                             "model_bytes", "activation_bytes", "params_saved", "flops_saved",
                             "accuracy_before_prune", "accuracy_after_prune", "accuracy_after_finetune",
                             "peak_memory_bytes", "accuracy_after_prune_uncompensated"]
}
