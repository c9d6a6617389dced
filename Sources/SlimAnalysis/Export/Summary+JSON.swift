import SlimLog

extension Summary {
    /// The summary as one JSON object; field names are documented in docs/analysis.md.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("schema", .string(Self.schema)),
            ("flops_convention", .string(NetworkCost.flopsConvention)),
            ("runs", .array(runs.map(\.json))),
        ]
        if let comparison { members.append(("comparison", comparison.json)) }
        return .object(members)
    }
}

extension RunDigest {
    var json: JSONValue {
        let c = header?.config
        return .object([
            ("label", .string(label)), ("source", .string(source)),
            ("name", .text(header?.name)), ("run_id", .text(header?.runID)),
            ("model", .text(c?.model)), ("dataset", .text(c?.dataset)),
            ("lambda", .double(c?.lambda)), ("prune_ratio", .double(c?.pruneRatio)),
            ("seed", c?.seed.map { .number(Double($0)) } ?? .null),
            ("status", .string(status)), ("resumes", .int(resumes)),
            ("passes", .array(passes.map(\.json))),
            ("prunes", .array(patterns.map(\.json))),
            ("sparsity", .array(verdicts.map(\.json))),
            ("gamma_timeline", .array(timeline.map(\.json))),
        ])
    }
}

extension PassSummary {
    var json: JSONValue {
        .object([
            ("pass", .int(pass)),
            ("params", .int(cost.params)), ("buffers", .int(cost.buffers)),
            ("macs", .int(cost.macs)), ("flops", .int(cost.flops)), ("all_ops_flops", .int(cost.allOpsFLOPs)),
            ("model_bytes", .int(cost.modelBytes)), ("activation_bytes", .int(cost.activationBytes)),
            ("peak_activation_bytes", .int(cost.peakActivationBytes)),
            ("widths", .object(widths.map { ($0.layer, .int($0.width)) })),
            ("accuracy", .object([("before_prune", .double(accuracy.beforePrune)),
                                  ("after_prune", .double(accuracy.afterPrune)),
                                  ("after_prune_uncompensated", .double(accuracy.afterPruneUncompensated)),
                                  ("after_finetune", .double(accuracy.afterFinetune))])),
            ("saved_from_original", .object([("params", .double(fromOriginal.params.savedFraction)),
                                             ("flops", .double(fromOriginal.flops.savedFraction)),
                                             ("model_bytes", .double(fromOriginal.modelBytes.savedFraction)),
                                             ("activation_bytes", .double(fromOriginal.activationBytes.savedFraction))])),
            ("measured", measured.map { m in .object([
                ("phase", .string(m.phase.rawValue)),
                ("latency", .array(m.latency.map { l in .object([
                    ("batch", .int(l.batch)), ("median_ms", .double(l.medianMs)), ("min_ms", .double(l.minMs)),
                    ("max_ms", .double(l.maxMs)), ("repeats", .int(l.repeats)),
                    ("layers", l.layers.map { layers in .array(layers.map { t in .object([
                        ("name", .string(t.name)), ("median_ms", .double(t.medianMs)), ("min_ms", .double(t.minMs)),
                        ("max_ms", .double(t.maxMs))]) }) } ?? .null),
                ]) })),
                ("cpu", .text(m.cpu)), ("threads", .int(m.threads)),
                ("peak_memory_bytes", .int(m.peakMemoryBytes)), ("model_bytes", .int(m.modelBytes)),
                ("peak_memory_saved", .double(peakMemory?.savedFraction)),
            ]) } ?? .null),
            ("speedups", .array(speedups.map { s in .object([
                ("batch", .int(s.batch)), ("flops_saved", .double(s.flops.savedFraction)),
                ("latency_saved", .double(s.latencyMs.savedFraction)),
                ("latency_per_flops_saved", .double(s.latencyPerFLOPSaved)),
            ]) })),
            ("layers", .array(cost.layers.map { l in .object([
                ("name", .string(l.name)), ("op", .string(l.op.rawValue)), ("params", .int(l.params)),
                ("macs", .int(l.macs)), ("flops", .int(l.flops)), ("output_elements", .int(l.outputElements)),
            ]) })),
        ])
    }
}

extension PrunePattern {
    var json: JSONValue {
        let ranked = hardestHit
        return .object([
            ("pass", .int(pass)), ("ratio", .double(ratio)), ("threshold", .gamma(threshold)),
            ("channels_before", .int(channelsBefore)), ("channels_after", .int(channelsAfter)), ("removed", .int(removed)),
            ("stage_lost_most", .text(stageLostMost?.stage.name)),
            ("hardest_hit", .array(ranked.map { .string($0.layer) })),
            ("guarded", .array(guarded.map { .string($0.layer) })),
            ("layers", .array(layers.map { l in .object([
                ("layer", .string(l.layer)), ("stage", .string(l.stage)), ("before", .int(l.before)),
                ("after", .int(l.after)), ("kept_ratio", .double(l.keptRatio)), ("removed", .int(l.removed)),
                ("share_of_removed", .double(l.shareOfRemoved)), ("guard", .text(l.guardApplied)),
            ]) })),
            ("stages", .array(stages.map { s in .object([
                ("stage", .string(s.stage.name)), ("before", .int(s.before)), ("after", .int(s.after)),
                ("removed", .int(s.removed)),
            ]) })),
        ])
    }
}

extension SparsityVerdict {
    var json: JSONValue {
        .object([
            ("pass", .int(pass)), ("planned", .bool(planned)), ("ratio", .double(ratio)),
            ("threshold", .gamma(threshold)), ("total_channels", .int(totalChannels)),
            ("removed_channels", .int(removedChannels)), ("kept_channels", .int(keptChannels)),
            ("removed_near_zero", .int(removedNearZero)), ("kept_near_zero", .int(keptNearZero)),
            ("largest_removed", .gamma(largestRemoved)), ("kept_median", .gamma(keptMedian)),
            ("separation", .double(separation)), ("kept_within_10_percent", .int(keptWithin10Percent)),
            ("accuracy_before", .double(accuracyBefore)), ("accuracy_after", .double(accuracyAfter)),
            ("verdict", .string(level.rawValue)), ("explanation", .string(explanation)),
        ])
    }
}

extension SnapshotStatistics {
    var json: JSONValue {
        .object([
            ("pass", .int(pass)), ("phase", .string(phase.rawValue)), ("epoch", .int(epoch)), ("step", .int(step)),
            ("pooled", pooled.json),
            ("layers", .object(layers.map { ($0.layer, $0.statistics.json) })),
        ])
    }
}

extension GammaStatistics {
    var json: JSONValue {
        .object([
            ("count", .int(count)), ("non_finite", .int(nonFinite)),
            ("min", .gamma(min)), ("p05", .gamma(p05)), ("p25", .gamma(p25)), ("median", .gamma(median)),
            ("p75", .gamma(p75)), ("p95", .gamma(p95)), ("max", .gamma(max)), ("mean", .gamma(mean)),
            ("below_1e-2", .double(fractionBelow1e2)), ("below_1e-3", .double(fractionBelow1e3)),
            ("threshold", .gamma(threshold)), ("at_or_below_threshold", .double(fractionAtOrBelowThreshold)),
            ("within_5_percent", .int(within5Percent)), ("within_10_percent", .int(within10Percent)),
        ])
    }
}

extension RunComparison {
    var json: JSONValue {
        func spread(_ s: Spread?) -> JSONValue {
            guard let s else { return .null }
            return .object([("count", .int(s.count)), ("mean", .double(s.mean)), ("std", .double(s.standardDeviation)),
                            ("min", .double(s.min)), ("max", .double(s.max))])
        }
        return .object([
            ("labels", .array(labels.map { .string($0) })),
            ("architecture_differences", .array(architectureDifferences.map { .string($0) })),
            ("widths", .array(widths.map { w in .object([
                ("layer", .string(w.layer)),
                ("original", .array(w.original.map { .int($0) })), ("final", .array(w.final.map { .int($0) })),
            ]) })),
            ("gamma", .array(gamma.map { $0?.json ?? .null })),
            ("seed_groups", .array(seedGroups.map { g in .object([
                ("labels", .array(g.labels.map { .string($0) })),
                ("seeds", .array(g.seeds.map { $0.map { .number(Double($0)) } ?? .null })),
                ("final_accuracy", spread(g.finalAccuracy)), ("final_params", spread(g.finalParams)),
                ("final_flops", spread(g.finalFLOPs)),
            ]) })),
        ])
    }
}
