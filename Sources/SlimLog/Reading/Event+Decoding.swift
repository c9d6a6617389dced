extension Event {
    /// Decodes one event of a known `type`; returns nil for types this version does not know.
    static func decode(type: String, _ r: FieldReader) throws(LogError) -> Event? {
        switch type {
        case "run": return .run(try RunHeader.decode(r))
        case "architecture":
            return .architecture(Architecture(pass: try r.int("pass"), layers: try r.objects("layers", Layer.decode)))
        case "epoch":
            return .epoch(EpochRecord(
                pass: try r.int("pass"), phase: Phase(rawValue: try r.string("phase")), epoch: try r.int("epoch"),
                step: try r.int("step"), lr: try r.double("lr"), trainLoss: try r.double("train_loss"),
                trainAccuracy: try r.double("train_accuracy"), testLoss: try r.optionalDouble("test_loss"),
                testAccuracy: try r.optionalDouble("test_accuracy"), seconds: try r.double("seconds")))
        case "gamma": return .gamma(try GammaSnapshot.decode(r))
        case "prune":
            return .prune(PruneRecord(
                pass: try r.int("pass"), ratio: try r.double("ratio"), threshold: try r.double("threshold"),
                thresholdIndex: try r.optionalInt("threshold_index"), totalChannels: try r.optionalInt("total_channels"),
                layers: try r.objects("layers") { (l: FieldReader) throws(LogError) in
                    PrunedLayer(layer: try l.string("layer"), before: try l.int("before"), after: try l.int("after"),
                                kept: try l.ints("kept"), guardApplied: try l.optionalString("guard"))
                },
                accuracyBefore: try r.optionalDouble("accuracy_before"), accuracyAfter: try r.optionalDouble("accuracy_after"),
                lossBefore: try r.optionalDouble("loss_before"), lossAfter: try r.optionalDouble("loss_after"),
                compensation: try r.optionalString("compensation"),
                accuracyAfterUncompensated: try r.optionalDouble("accuracy_after_uncompensated"),
                lossAfterUncompensated: try r.optionalDouble("loss_after_uncompensated"),
                warnings: try r.optionalStrings("warnings") ?? []))
        case "measure":
            return .measure(Measurement(
                pass: try r.int("pass"), phase: Phase(rawValue: try r.string("phase")),
                latency: try r.objects("latency") { (l: FieldReader) throws(LogError) in
                    Latency(batch: try l.int("batch"), medianMs: try l.double("median_ms"), minMs: try l.optionalDouble("min_ms"),
                            maxMs: try l.optionalDouble("max_ms"), repeats: try l.optionalInt("repeats"))
                },
                peakMemoryBytes: try r.optionalInt("peak_memory_bytes"), modelBytes: try r.optionalInt("model_bytes"),
                params: try r.optionalInt("params")))
        case "resume":
            return .resume(ResumeMarker(created: try r.string("created"), pass: try r.int("pass"),
                                        phase: Phase(rawValue: try r.string("phase")), epoch: try r.int("epoch"),
                                        step: try r.int("step")))
        case "scalar":
            return .scalar(ScalarPoint(pass: try r.int("pass"), phase: Phase(rawValue: try r.string("phase")),
                                       epoch: try r.int("epoch"), step: try r.optionalInt("step"),
                                       name: try r.string("name"), value: try r.double("value")))
        case "warning":
            return .warning(RunWarning(message: try r.string("message"), pass: try r.optionalInt("pass")))
        case "end":
            let raw = try r.string("status")
            guard let status = RunEnd.Status(rawValue: raw) else {
                throw r.invalid("status", "is '\(raw)'; expected completed, stopped or failed")
            }
            return .end(RunEnd(status: status, seconds: try r.double("seconds"), error: try r.optionalString("error")))
        default: return nil
        }
    }
}

extension RunHeader {
    static func decode(_ r: FieldReader) throws(LogError) -> RunHeader {
        let engine = try r.object("engine")
        let c = try r.object("config")
        let input = try r.object("input")
        let known: Set<String> = ["model", "cfg", "dataset", "lambda", "prune_ratio", "passes", "epochs",
                                  "finetune_epochs", "batch_size", "learning_rate", "lr_milestones", "lr_gamma",
                                  "momentum", "weight_decay", "seed", "threads", "min_channels", "max_layer_ratio",
                                  "gamma_every", "compensation"]
        var cfg: [String]?
        if let node = c.node["cfg"] {
            switch node {
            case .null: cfg = nil
            case let .numbers(ws): cfg = ws.map { Int(exactly: $0).map(String.init) ?? String($0) }
            case let .array(items):
                cfg = try items.map { (item: JSONNode) throws(LogError) -> String in
                    switch item {
                    case let .string(s): return s
                    case let .number(d): if let i = Int(exactly: d) { return String(i) }
                    default: break
                    }
                    throw c.wrong("cfg", "an array of widths and \"M\"")
                }
            default: throw c.wrong("cfg", "an array of widths and \"M\"")
            }
        }
        guard case let .object(members) = c.node else { throw r.wrong("config", "an object") }
        let config = RunConfig(
            model: try c.string("model"), cfg: cfg, dataset: try c.string("dataset"),
            lambda: try c.optionalDouble("lambda"), pruneRatio: try c.optionalDouble("prune_ratio"),
            passes: try c.optionalInt("passes"), epochs: try c.optionalInt("epochs"),
            finetuneEpochs: try c.optionalInt("finetune_epochs"), batchSize: try c.optionalInt("batch_size"),
            learningRate: try c.optionalDouble("learning_rate"), lrMilestones: try c.optionalDoubles("lr_milestones"),
            lrGamma: try c.optionalDouble("lr_gamma"), momentum: try c.optionalDouble("momentum"),
            weightDecay: try c.optionalDouble("weight_decay"),
            seed: try c.optionalInt("seed").map { UInt64(truncatingIfNeeded: $0) }, threads: try c.optionalInt("threads"),
            minChannels: try c.optionalInt("min_channels"), maxLayerRatio: try c.optionalDouble("max_layer_ratio"),
            compensation: try c.optionalString("compensation"),
            gammaEvery: try c.optionalInt("gamma_every"),
            extra: members.filter { !known.contains($0.key) }.map { ($0.key, $0.value.value) })
        return RunHeader(
            schema: try r.string("schema"), runID: try r.string("run_id"), name: try r.string("name"),
            created: try r.string("created"),
            engine: Engine(name: try engine.string("name"), version: try engine.string("version")),
            config: config,
            input: InputShape(channels: try input.int("channels"), height: try input.int("height"), width: try input.int("width")),
            classes: try r.int("classes"),
            environment: (try r.optionalMembers("environment") ?? []).map { ($0.key, $0.value.value) })
    }
}

extension Layer {
    static func decode(_ r: FieldReader) throws(LogError) -> Layer {
        Layer(name: try r.string("name"), op: LayerOp(rawValue: try r.string("op")),
              inputs: try r.optionalStrings("inputs") ?? [], inShape: try r.ints("in_shape"),
              outShape: try r.ints("out_shape"), kernel: try r.optionalInts("kernel"), stride: try r.optionalInts("stride"),
              padding: try r.optionalInts("padding"), groups: try r.optionalInt("groups"), bias: try r.optionalBool("bias"),
              prunable: try r.optionalBool("prunable"), selected: try r.optionalInts("selected"))
    }
}

extension GammaSnapshot {
    static func decode(_ r: FieldReader) throws(LogError) -> GammaSnapshot {
        guard let members = try r.optionalMembers("layers") else {
            throw LogError.missingField(path: r.path, line: r.line, event: r.event, field: "layers",
                                        expected: "an object of BN name → array of γ")
        }
        var layers: [GammaVector] = []
        layers.reserveCapacity(members.count)
        for m in members {
            let values: [Float]
            switch m.value {
            case let .numbers(ds):
                values = [Float](unsafeUninitializedCapacity: ds.count) { buffer, count in
                    for i in 0..<ds.count { buffer[i] = Float(ds[i]) }
                    count = ds.count
                }
            default:
                guard let ds = m.value.doubles else { throw r.wrong("layers.\(m.key)", "an array of numbers") }
                values = ds.map { Float($0) }
            }
            layers.append(GammaVector(layer: m.key, values: values))
        }
        return GammaSnapshot(pass: try r.int("pass"), phase: Phase(rawValue: try r.string("phase")),
                             epoch: try r.int("epoch"), step: try r.int("step"), layers: layers)
    }
}
