import SlimAnalysis
import SlimLog

extension HeadlineSection {
    /// Two or three sentences for the top of page 1: what was done, the verdict and
    /// threshold, what was saved and what it cost in accuracy.
    static func story(_ data: RunData) -> String? {
        guard let first = data.summaries.first, let last = data.summaries.last, last.pass > first.pass else { return nil }
        let c = data.run.header?.config
        var text = ""
        if let l = c?.lambda { text += l == 0 ? "Plain training (λ = 0), " : "Sparsity training with λ = \(Format.number(l)), " }
        let prunes = data.run.prunes
        let ratios = Set(prunes.map(\.ratio))
        text += prunes.count == 1 ? "one prune" : "\(prunes.count) prunes"
        if ratios.count == 1, let r = ratios.first { text += " at ratio \(Format.number(r))" }
        if let t = prunes.first?.threshold { text += " (\(prunes.count == 1 ? "" : "first ")threshold \(Format.number(t, digits: 3)))" }
        text += "."
        if let v = data.run.sparsityVerdicts.first(where: { !$0.planned }) {
            text += " Verdict: \(v.level.label) — \(v.removedNearZero) of the \(v.removedChannels) removed channels had |γ| below 0.01."
        }
        let saved = last.fromOriginal
        text += " The \(last.pass == 1 ? "pruned" : "final") network has \(Format.percent(saved.params.savedFraction)) fewer parameters "
            + "(\(Format.count(first.cost.params)) → \(Format.count(last.cost.params))) and \(Format.percent(saved.flops.savedFraction)) fewer FLOPs "
            + "(\(Format.count(first.cost.flops)) → \(Format.count(last.cost.flops)); MACs \(Format.count(first.cost.macs)) → \(Format.count(last.cost.macs)))"
        if let b = first.accuracy.beforePrune, let f = last.accuracy.final {
            text += "; test accuracy went from \(Format.percent(b))"
            if let p = data.summaries.first(where: { $0.pass > first.pass })?.accuracy.afterPrune { text += " to \(Format.percent(p)) right after the first prune" }
            text += " and ends at \(Format.percent(f)) (\(Format.signedPoints(f - b)))"
        }
        return text + "."
    }

    /// A latency row: the medians and change, or — when the measurement cannot be trusted —
    /// the spread of both measurements and why, instead of a headline change.
    static func latencyRow(_ s: Speedup, original: Latency?, final: Latency?) -> (row: [String], warning: String?) {
        let label = "latency, batch \(s.batch)"
        let shaky = [original, final].compactMap { $0 }.filter(\.spreadExceedsMedian)
        guard s.prunedSlower || !shaky.isEmpty else {
            return ([label, Format.milliseconds(s.latencyMs.before), Format.milliseconds(s.latencyMs.after),
                     Format.change(s.latencyMs.before, s.latencyMs.after)], nil)
        }
        func cell(_ l: Latency?, _ median: Double) -> String {
            guard let l, let lo = l.minMs, let hi = l.maxMs else { return Format.milliseconds(median) }
            return "\(Format.milliseconds(median)) (\(Format.number(lo, digits: 3))–\(Format.number(hi, digits: 3)))"
        }
        let why = s.prunedSlower ? "the pruned network measured slower than the original although it has fewer FLOPs"
                                 : "the repeats spread wider than their median"
        return ([label, cell(original, s.latencyMs.before), cell(final, s.latencyMs.after), "unreliable"],
                "Latency at batch \(s.batch) is not a result: \(why) (min–max of the repeats in brackets), the sign of a measurement stall or a busy machine. Compare FLOPs, or measure again (slim-train measure-model).")
    }
}

extension JSONValue {
    /// The value as a table cell: strings bare, numbers shortest, lists and objects inline.
    var displayText: String {
        switch self {
        case .null: "–"
        case .bool(let b): b ? "yes" : "no"
        case .number(let x): Format.number(x)
        case .string(let s): s
        case .array(let a): a.map(\.displayText).joined(separator: ", ")
        case .object(let o): o.map { "\($0.key): \($0.value.displayText)" }.joined(separator: ", ")
        }
    }
}
