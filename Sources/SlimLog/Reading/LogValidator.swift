/// The rules that tie a log's events together, checked as the reader streams them, so that what
/// the reader accepts every command can process (docs/run-log.md, "Reader rules" and "Limits").
///
/// Events must come in the order they happened: one `run`, passes counted up by consecutive
/// prunes, every `architecture`, `epoch`, `gamma` and `measure` in the pass it belongs to,
/// steps that never go back within a segment, nothing but a `resume` after `end`. Against the
/// architecture of the current pass, γ vectors name its BN layers with one value per channel
/// and prunes name its BN layers.
struct LogValidator {
    private var runLine: Int?
    private var endLine: Int?
    /// The pass the log is in: the last prune's, or the one a `resume` went back to.
    private var pass = 0
    private var lastStep = 0
    /// BN layer → channels, for each pass whose architecture was recorded.
    private var widths: [Int: [String: Int]] = [:]

    /// Checks `event`, read from `line` of `path`, against its own domains and what came before.
    mutating func check(_ event: Event, path: String, line: Int) throws(LogError) {
        let f = Fields(path: path, line: line, event: event.type)
        try Self.checkValues(event, f)
        func order(_ detail: String) -> LogError { .outOfOrder(path: path, line: line, event: event.type, detail: detail) }
        if case .run = event {
            if let runLine { throw order("a second 'run' line (the first is line \(runLine)); a log holds one run") }
            runLine = line
            return
        }
        if let endLine, event.type != "resume" {
            throw order("comes after the 'end' line (line \(endLine)); only a 'resume' may follow it")
        }
        switch event {
        case let .architecture(a):
            try samePass(a.pass, order)
            var bn: [String: Int] = [:]
            for layer in a.layers where layer.op == .batchnorm2d { bn[layer.name] = layer.outShape[0] }
            widths[pass] = bn
        case let .epoch(e):
            try samePass(e.pass, order)
            try stepForward(e.step, order)
        case let .gamma(g):
            try samePass(g.pass, order)
            try stepForward(g.step, order)
            if let bn = widths[pass] {
                for vector in g.layers {
                    guard let width = bn[vector.layer] else {
                        throw f.error("layers.\(vector.layer)", "is not a batchnorm2d layer of the architecture of pass \(pass)")
                    }
                    guard vector.values.count == width else {
                        throw f.error("layers.\(vector.layer)", "holds \(vector.values.count) values; expected one per channel, \(width)")
                    }
                }
            }
        case let .prune(p):
            guard p.pass == pass + 1 else {
                throw order("is pass \(p.pass) but the log is at pass \(pass); expected pass \(pass + 1) (events in the order they happened)")
            }
            if let bn = widths[pass] {
                for (k, l) in p.layers.enumerated() where bn[l.layer] == nil {
                    throw f.error("layers[\(k)].layer", "'\(l.layer)' is not a batchnorm2d layer of the architecture of pass \(pass)")
                }
            }
            pass = p.pass
        case let .measure(m):
            try samePass(m.pass, order)
        case let .resume(r):
            // A run resumed at `pruned` does the prune of its pass (again, or for the first time
            // when it was stopped between the previous phase's checkpoint and the prune line), so
            // it continues from the pass before.
            let from = r.phase == .pruned ? max(r.pass - 1, 0) : r.pass
            guard from <= pass else {
                throw order("goes back to pass \(r.pass) but the log only reached pass \(pass)")
            }
            pass = from
            lastStep = r.step
            widths = widths.filter { $0.key <= pass }
            endLine = nil
        case .end:
            endLine = line
        case .run, .warning, .scalar:
            break
        }
    }

    private func samePass(_ p: Int, _ order: (String) -> LogError) throws(LogError) {
        guard p == pass else {
            throw order("is for pass \(p) but the log is at pass \(pass) (the last prune's); events must come in the order they happened")
        }
    }

    private mutating func stepForward(_ step: Int, _ order: (String) -> LogError) throws(LogError) {
        guard step >= lastStep else {
            throw order("step \(step) comes after step \(lastStep); events must come in the order they happened")
        }
        lastStep = step
    }
}
