import SlimLog
import SlimPruning

extension SlimmingRun {
    /// Times the prune with its kept widths rounded up to each of `options.roundingMultiples`
    /// (the removed channels with the largest |γ| come back, `WidthRounding`), so a report can
    /// show whether hardware-friendly widths run faster on this machine. `network` is the
    /// network before the prune; a rounding that changes no width reuses `pruned`'s latency.
    func roundedMeasurements(of network: Network, plan: PrunePlan, gammas: [BNChannels], pruned: Measurement,
                             pass: Int, measure: (Network, Int, Phase) throws -> Measurement) throws -> [RoundedMeasurement] {
        let live = network.liveChannels
        return try options.roundingMultiples.map { multiple in
            let rounding = try WidthRounding(multiple: multiple)
            let rounded = rounding.rounded(plan, gammas: gammas, live: live)
            let widths = rounded.layers.map { decision in
                LayerWidth(layer: decision.name, width: live[decision.name].map { Set($0) }
                    .map { alive in decision.kept.filter(alive.contains).count } ?? decision.kept.count)
            }
            guard rounded != plan else {
                return RoundedMeasurement(multiple: multiple, widths: widths, params: pruned.params, latency: pruned.latency)
            }
            let slim = try network.slimmed(by: rounded)
            let measured = try measure(slim, pass, .pruned)
            return RoundedMeasurement(multiple: multiple, widths: widths, params: slim.parameterCount, latency: measured.latency)
        }
    }
}

extension Network {
    /// For each BN whose channels a selection passes on (pruned ResNets and DenseNets), the
    /// channels it still selects; a prune can only keep those.
    var liveChannels: [String: [Int]] {
        var live: [String: [Int]] = [:]
        for case let graph as LayerGraph in layers {
            for i in graph.nodes.indices where graph.isSelectedBatchNorm(i) {
                guard case let .layer(bn) = graph.nodes[i].operation,
                      case let .layer(next) = graph.nodes[i + 1].operation,
                      let selection = next as? ChannelSelection else { continue }
                live[bn.name] = selection.selected
            }
        }
        return live
    }
}
