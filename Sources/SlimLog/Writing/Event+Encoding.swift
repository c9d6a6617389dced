extension Event {
    /// The event as one line of JSON (without the newline), as docs/run-log.md specifies.
    public var jsonLine: [UInt8] {
        var j = JSONLine()
        j.beginObject()
        j.field("type", type)
        switch self {
        case let .run(r): r.encode(into: &j)
        case let .architecture(a):
            j.field("pass", a.pass)
            j.key("layers"); j.beginArray()
            for layer in a.layers { layer.encode(into: &j) }
            j.endArray()
        case let .epoch(e):
            j.field("pass", e.pass); j.field("phase", e.phase.rawValue); j.field("epoch", e.epoch)
            j.field("step", e.step); j.field("lr", e.lr); j.field("train_loss", e.trainLoss)
            j.field("train_accuracy", e.trainAccuracy); j.field("test_loss", e.testLoss)
            j.field("test_accuracy", e.testAccuracy); j.field("seconds", e.seconds)
        case let .gamma(g):
            j.field("pass", g.pass); j.field("phase", g.phase.rawValue); j.field("epoch", g.epoch)
            j.field("step", g.step)
            j.key("layers"); j.beginObject()
            for v in g.layers {
                j.key(v.layer); j.beginArray()
                for f in v.values { j.float(f) }
                j.endArray()
            }
            j.endObject()
        case let .prune(p):
            j.field("pass", p.pass); j.field("ratio", p.ratio); j.field("threshold", p.threshold)
            j.field("threshold_index", p.thresholdIndex); j.field("total_channels", p.totalChannels)
            j.objects("layers", p.layers) { j, l in
                j.field("layer", l.layer); j.field("before", l.before); j.field("after", l.after)
                j.field("kept", l.kept); j.field("guard", l.guardApplied)
            }
            j.field("accuracy_before", p.accuracyBefore); j.field("accuracy_after", p.accuracyAfter)
            j.field("loss_before", p.lossBefore); j.field("loss_after", p.lossAfter)
            j.field("compensation", p.compensation)
            j.field("accuracy_after_uncompensated", p.accuracyAfterUncompensated)
            j.field("loss_after_uncompensated", p.lossAfterUncompensated)
            if !p.warnings.isEmpty { j.field("warnings", p.warnings) }
        case let .measure(m):
            j.field("pass", m.pass); j.field("phase", m.phase.rawValue)
            j.objects("latency", m.latency) { j, l in
                j.field("batch", l.batch); j.field("median_ms", l.medianMs); j.field("min_ms", l.minMs)
                j.field("max_ms", l.maxMs); j.field("repeats", l.repeats)
            }
            j.field("peak_memory_bytes", m.peakMemoryBytes); j.field("model_bytes", m.modelBytes)
            j.field("params", m.params)
        case let .resume(r):
            j.field("created", r.created); j.field("pass", r.pass); j.field("phase", r.phase.rawValue)
            j.field("epoch", r.epoch); j.field("step", r.step)
        case let .scalar(s):
            j.field("pass", s.pass); j.field("phase", s.phase.rawValue); j.field("epoch", s.epoch)
            j.field("step", s.step); j.field("name", s.name); j.field("value", s.value)
        case let .warning(w):
            j.field("message", w.message); j.field("pass", w.pass)
        case let .end(e):
            j.field("status", e.status.rawValue); j.field("seconds", e.seconds); j.field("error", e.error)
        }
        j.endObject()
        return j.bytes
    }
}

extension RunHeader {
    fileprivate func encode(into j: inout JSONLine) {
        j.field("schema", schema); j.field("run_id", runID); j.field("name", name); j.field("created", created)
        j.key("engine"); j.beginObject(); j.field("name", engine.name); j.field("version", engine.version); j.endObject()
        j.key("config"); j.beginObject()
        let c = config
        j.field("model", c.model)
        if let cfg = c.cfg {
            j.key("cfg"); j.beginArray()
            for item in cfg { if let w = Int(item) { j.int(w) } else { j.string(item) } }
            j.endArray()
        }
        j.field("dataset", c.dataset); j.field("lambda", c.lambda); j.field("prune_ratio", c.pruneRatio)
        j.field("passes", c.passes); j.field("epochs", c.epochs); j.field("finetune_epochs", c.finetuneEpochs)
        j.field("batch_size", c.batchSize); j.field("learning_rate", c.learningRate)
        j.field("lr_milestones", c.lrMilestones); j.field("lr_gamma", c.lrGamma); j.field("momentum", c.momentum)
        j.field("weight_decay", c.weightDecay)
        j.field("seed", c.seed.map { Int(truncatingIfNeeded: $0) })
        j.field("threads", c.threads); j.field("min_channels", c.minChannels)
        j.field("max_layer_ratio", c.maxLayerRatio); j.field("compensation", c.compensation)
        j.field("gamma_every", c.gammaEvery)
        for (k, v) in c.extra { j.key(k); j.value(v) }
        j.endObject()
        j.key("input"); j.beginObject()
        j.field("channels", input.channels); j.field("height", input.height); j.field("width", input.width)
        j.endObject()
        j.field("classes", classes)
        if !environment.isEmpty { j.key("environment"); j.value(.object(environment)) }
    }
}

extension Layer {
    fileprivate func encode(into j: inout JSONLine) {
        j.beginObject()
        j.field("name", name); j.field("op", op.rawValue)
        if !inputs.isEmpty { j.field("inputs", inputs) }
        j.field("in_shape", inShape); j.field("out_shape", outShape)
        j.field("kernel", kernel); j.field("stride", stride); j.field("padding", padding)
        j.field("groups", groups); j.field("bias", bias); j.field("prunable", prunable)
        j.field("selected", selected)
        j.endObject()
    }
}
