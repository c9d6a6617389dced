/// Numeric domains of each event's fields (docs/run-log.md, "Limits"): what one line must hold,
/// whatever came before it.
extension LogValidator {
    /// Reports one bad field of the event on the current line.
    struct Fields {
        let path: String
        let line: Int
        let event: String

        func error(_ field: String, _ detail: String) -> LogError {
            .invalidValue(path: path, line: line, event: event, field: field, detail: detail)
        }

        func count(_ field: String, _ value: Int, min: Int = 0) throws(LogError) {
            guard value >= min, value < LogLimits.dimensionBound else {
                throw error(field, "is \(value); expected an integer from \(min) to 2^31−1")
            }
        }

        func optionalCount(_ field: String, _ value: Int?, min: Int = 0) throws(LogError) {
            if let value { try count(field, value, min: min) }
        }

        func nonNegative(_ field: String, _ value: Int?) throws(LogError) {
            guard let value, value < 0 else { return }
            throw error(field, "is \(value); expected an integer ≥ 0")
        }

        func finite(_ field: String, _ value: Double?, atLeast low: Double = -.infinity) throws(LogError) {
            guard let value else { return }
            guard value.isFinite, value >= low else {
                throw error(field, "is \(value); expected a finite number" + (low == 0 ? " ≥ 0" : ""))
            }
        }

        func fraction(_ field: String, _ value: Double?, closed: Bool) throws(LogError) {
            guard let value else { return }
            guard value.isFinite, value >= 0, closed ? value <= 1 : value < 1 else {
                let range = closed ? "[0, 1]" : "[0, 1)"
                let hint = closed && value.isFinite && value > 1 && value <= 100 ? " (a fraction, not a percentage)" : ""
                throw error(field, "is \(value); expected a fraction in \(range)\(hint)")
            }
        }

        /// Widths or sizes of a shape: 1 … 4 values, each in `min` ..< 2^31.
        func shape(_ field: String, _ values: [Int]?, count expected: ClosedRange<Int>, min: Int = 1) throws(LogError) {
            guard let values else { return }
            guard expected.contains(values.count),
                  values.allSatisfy({ $0 >= min && $0 < LogLimits.dimensionBound }) else {
                let n = expected.lowerBound == expected.upperBound ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
                throw error(field, "is \(values); expected \(n) integers from \(min) to 2^31−1")
            }
        }

        /// Ascending distinct indices below `bound`.
        func indices(_ field: String, _ values: [Int], below bound: Int) throws(LogError) {
            var previous = -1
            for v in values {
                guard v > previous, v < bound else {
                    throw error(field, "holds \(v) after \(previous < 0 ? "the start" : "\(previous)"); expected ascending distinct indices from 0 to \(bound - 1)")
                }
                previous = v
            }
        }
    }

    /// Checks the fields of `event` that must lie in a domain (finite, fractions, sizes).
    static func checkValues(_ event: Event, _ f: Fields) throws(LogError) {
        switch event {
        case let .run(h):
            try f.count("input.channels", h.input.channels, min: 1)
            try f.count("input.height", h.input.height, min: 1)
            try f.count("input.width", h.input.width, min: 1)
            try f.count("classes", h.classes, min: 1)
            let c = h.config
            try f.finite("config.lambda", c.lambda, atLeast: 0)
            try f.fraction("config.prune_ratio", c.pruneRatio, closed: false)
            try f.optionalCount("config.passes", c.passes)
            try f.optionalCount("config.epochs", c.epochs)
            try f.optionalCount("config.finetune_epochs", c.finetuneEpochs)
            try f.optionalCount("config.batch_size", c.batchSize, min: 1)
            try f.finite("config.learning_rate", c.learningRate, atLeast: 0)
            for (k, m) in (c.lrMilestones ?? []).enumerated() { try f.finite("config.lr_milestones[\(k)]", m) }
            try f.finite("config.lr_gamma", c.lrGamma)
            try f.finite("config.momentum", c.momentum)
            try f.finite("config.weight_decay", c.weightDecay, atLeast: 0)
            try f.optionalCount("config.threads", c.threads)
            try f.optionalCount("config.min_channels", c.minChannels)
            try f.fraction("config.max_layer_ratio", c.maxLayerRatio, closed: true)
            try f.optionalCount("config.gamma_every", c.gammaEvery)
        case let .architecture(a):
            try f.nonNegative("pass", a.pass)
            try checkLayers(a, f)
        case let .epoch(e):
            try f.nonNegative("pass", e.pass)
            try f.nonNegative("epoch", e.epoch)
            try f.nonNegative("step", e.step)
            try f.finite("lr", e.lr, atLeast: 0)
            try f.fraction("train_accuracy", e.trainAccuracy, closed: true)
            try f.fraction("test_accuracy", e.testAccuracy, closed: true)
            try f.finite("seconds", e.seconds, atLeast: 0)
        case let .gamma(g):
            try f.nonNegative("pass", g.pass)
            try f.nonNegative("epoch", g.epoch)
            try f.nonNegative("step", g.step)
        case let .prune(p):
            try f.count("pass", p.pass, min: 1)
            try f.fraction("ratio", p.ratio, closed: false)
            try f.finite("threshold", p.threshold)
            try f.nonNegative("threshold_index", p.thresholdIndex)
            try f.nonNegative("total_channels", p.totalChannels)
            try f.fraction("accuracy_before", p.accuracyBefore, closed: true)
            try f.fraction("accuracy_after", p.accuracyAfter, closed: true)
            try f.fraction("accuracy_after_uncompensated", p.accuracyAfterUncompensated, closed: true)
            var names: Set<String> = []
            for (k, l) in p.layers.enumerated() {
                let at = "layers[\(k)]"
                guard names.insert(l.layer).inserted else { throw f.error("\(at).layer", "names '\(l.layer)' a second time; expected each BN layer once") }
                try f.count("\(at).before", l.before)
                try f.indices("\(at).kept", l.kept, below: l.before)
                guard l.after == l.kept.count else {
                    throw f.error("\(at).after", "is \(l.after); expected the number of kept channels, \(l.kept.count)")
                }
            }
        case let .measure(m):
            try f.nonNegative("pass", m.pass)
            for (k, l) in m.latency.enumerated() {
                try f.count("latency[\(k)].batch", l.batch, min: 1)
                try f.finite("latency[\(k)].median_ms", l.medianMs, atLeast: 0)
                try f.finite("latency[\(k)].min_ms", l.minMs, atLeast: 0)
                try f.finite("latency[\(k)].max_ms", l.maxMs, atLeast: 0)
                try f.nonNegative("latency[\(k)].repeats", l.repeats)
            }
            try f.nonNegative("peak_memory_bytes", m.peakMemoryBytes)
            try f.nonNegative("model_bytes", m.modelBytes)
            try f.nonNegative("params", m.params)
        case let .resume(r):
            try f.nonNegative("pass", r.pass)
            try f.nonNegative("epoch", r.epoch)
            try f.nonNegative("step", r.step)
        case let .warning(w):
            try f.nonNegative("pass", w.pass)
        case let .scalar(x):
            try f.nonNegative("pass", x.pass)
            try f.nonNegative("step", x.step)
        case let .end(e):
            try f.finite("seconds", e.seconds, atLeast: 0)
        }
    }

    /// Shapes, window sizes and the graph of one architecture: names unique, every input a
    /// layer before it (so no cycles), selections inside their input.
    static func checkLayers(_ a: Architecture, _ f: Fields) throws(LogError) {
        guard !a.layers.isEmpty else { throw f.error("layers", "is empty; expected the network's layers in execution order") }
        var names: Set<String> = ["input"]
        for (k, layer) in a.layers.enumerated() {
            let at = "layers[\(k)]"
            guard !names.contains(layer.name) else {
                throw f.error("\(at).name", "'\(layer.name)' is used twice (or is 'input'); expected unique layer names")
            }
            // 0 is a real width: a prune may keep no channel of a layer (a collapsed network).
            try f.shape("\(at).in_shape", layer.inShape, count: 1...4, min: 0)
            try f.shape("\(at).out_shape", layer.outShape, count: 1...4, min: 0)
            try f.shape("\(at).kernel", layer.kernel, count: 2...2)
            try f.shape("\(at).stride", layer.stride, count: 2...2)
            try f.shape("\(at).padding", layer.padding, count: 2...2, min: 0)
            try f.optionalCount("\(at).groups", layer.groups, min: 1)
            for input in layer.inputs where !names.contains(input) {
                throw f.error("\(at).inputs", "names '\(input)', which is not a layer before it; expected producers before their consumers (no cycles)")
            }
            names.insert(layer.name)
            if let selected = layer.selected {
                try f.indices("\(at).selected", selected, below: layer.inShape[0])
            }
        }
    }
}
