import SlimLog

extension Architecture {
    /// The architecture after keeping, for each pruned BN layer, the channels in `kept`
    /// (indices into that layer's channels). Shapes are propagated through the graph:
    /// a BN whose producer conv feeds only that BN narrows the conv's outputs; otherwise
    /// (shared producer, as in residual and dense networks) a following `select` layer picks
    /// the kept channels among those it already selects, so a channel an earlier prune dropped
    /// stays dropped, as in the engine. Every consumer's input width follows, flatten included.
    public func narrowed(keeping kept: [String: [Int]], pass newPass: Int) throws(AnalysisError) -> Architecture {
        let producers = try NetworkCost.producers(of: self)
        var consumers = Array(repeating: 0, count: layers.count)
        for sources in producers { for j in sources where j >= 0 { consumers[j] += 1 } }
        var convKeeps: [Int: Int] = [:] // conv index → kept count
        var selectKeeps: [String: [Int]] = [:] // select name → selected
        let selectAfter = selectingLayers()
        for (i, layer) in layers.enumerated() where layer.op == .batchnorm2d {
            guard let keep = kept[layer.name] else { continue }
            let p = producers[i]
            if p.count == 1, p[0] >= 0, layers[p[0]].op == .conv2d, consumers[p[0]] == 1 {
                convKeeps[p[0]] = keep.count
            } else if let select = selectAfter[layer.name] {
                // `keep` and `selected` both index the BN's channels.
                let current = select.selected.map(Set.init)
                selectKeeps[select.name] = current.map { live in keep.filter(live.contains) } ?? keep
            }
        }
        var result = self
        result.pass = newPass
        var channels: [Int] = [] // output channels (or features) per layer
        channels.reserveCapacity(layers.count)
        for (i, layer) in layers.enumerated() {
            let inputs = producers[i].map { $0 < 0 ? (layer.inShape.first ?? 0) : channels[$0] }
            let inC = inputs.first ?? 0
            var out = layer.outShape
            var inShape = layer.inShape
            if !inShape.isEmpty, layer.op != .add, layer.op != .concat { inShape[0] = inC }
            switch layer.op {
            case .conv2d:
                out[0] = convKeeps[i] ?? layer.outShape[0]
                if let g = layer.groups, g > 1, g == layer.inShape.first { result.layers[i].groups = inC }
            case .linear:
                out[0] = layer.outShape[0]
            case .flatten:
                guard let features = LayerCost.product([inC] + layer.inShape.dropFirst().map(Optional.some)) else {
                    throw .costOverflow(pass: newPass, layer: layer.name)
                }
                out = [features]
            case .concat:
                out[0] = inputs.reduce(0, +)
                inShape[0] = out[0]
            case .add:
                out[0] = inC
                inShape[0] = inC
            case .select:
                if let keep = selectKeeps[layer.name] {
                    result.layers[i].selected = keep
                    out[0] = keep.count
                } else {
                    out[0] = layer.selected?.count ?? inC
                }
            default:
                if !out.isEmpty { out[0] = inC }
            }
            result.layers[i].inShape = inShape
            result.layers[i].outShape = out
            channels.append(out.first ?? 0)
        }
        return result
    }
}
