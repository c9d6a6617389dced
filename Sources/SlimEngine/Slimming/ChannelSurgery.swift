import SlimPruning

/// Physically narrower networks: the surviving rows and columns of every conv, BN and linear
/// weight are copied into a network built from the smaller cfg. No masks remain, so the
/// savings in parameters, FLOPs and latency are real.
extension Network {
    /// The network with only the `plan`'s kept channels in every BN layer it names.
    ///
    /// A BN's kept channels select its conv's output rows (the conv right before it), the
    /// BN's own entries, and the input columns of the next conv or linear layer — through a
    /// flatten, each channel's whole H×W block of features. With `compensation` `.beta` the
    /// removed channels' constant outputs are first folded into their consumers.
    public func slimmed(by plan: PrunePlan, compensation: PruneCompensation = .none) throws(EngineError) -> Network {
        let keep = try keptChannels(plan)
        if compensation == .beta {
            return try compensated(keeping: keep).slimmed(keeping: keep)
        }
        return try slimmed(keeping: keep)
    }

    private func slimmed(keeping keep: [String: [Int]]) throws(EngineError) -> Network {
        if layers.count == 1, let graph = layers[0] as? LayerGraph {
            return Network(model: model, cfg: cfg, input: input, classes: classes,
                           layers: [graph.slimmed(keeping: keep, inShape: [input.channels, input.height, input.width])])
        }
        var shape = [input.channels, input.height, input.width]
        // Channels of the current feature map that survive, as indices into the old map.
        var survivors = Array(0..<input.channels)
        var newLayers: [any NetworkLayer] = []
        var widths: [Int] = []
        for (i, layer) in layers.enumerated() {
            let outShape = layer.outputShape(for: shape) ?? shape
            switch layer {
            case let conv as Conv2d:
                let nextBN = layers.indices.contains(i + 1) ? layers[i + 1] as? BatchNorm2d : nil
                let rows = nextBN.flatMap { keep[$0.name] } ?? Array(0..<conv.outChannels)
                let weight = conv.weight.value.selecting(rows: rows, columns: survivors, blockSize: conv.kernel.height * conv.kernel.width)
                let bias = conv.bias.map { $0.value.gathering(rows) }
                newLayers.append(Conv2d(name: conv.name, weight: weight, bias: bias,
                                        stride: conv.stride, padding: conv.padding))
                survivors = rows
                widths.append(rows.count)
            case let bn as BatchNorm2d:
                let kept = keep[bn.name] ?? Array(0..<bn.channels)
                newLayers.append(BatchNorm2d(name: bn.name, gamma: bn.weight.value.gathering(kept),
                                             beta: bn.bias.value.gathering(kept),
                                             runningMean: bn.runningMean.value.gathering(kept),
                                             runningVar: bn.runningVar.value.gathering(kept),
                                             epsilon: bn.epsilon, momentum: bn.momentum))
            case is Flatten:
                let plane = shape.count == 3 ? shape[1] * shape[2] : 1
                survivors = survivors.flatMap { c in (c * plane)..<((c + 1) * plane) }
                newLayers.append(layer)
            case let linear as Linear:
                let weight = linear.weight.value.selecting(rows: Array(0..<linear.outFeatures),
                                                           columns: survivors, blockSize: 1)
                newLayers.append(Linear(name: linear.name, weight: weight, bias: linear.bias?.value))
                survivors = Array(0..<linear.outFeatures)
            default:
                newLayers.append(layer)
            }
            shape = outShape
        }
        return Network(model: model, cfg: cfg.withWidths(widths), input: input, classes: classes,
                       layers: newLayers)
    }

    /// The same network with γ and β of every pruned channel set to zero (and, with
    /// `compensation` `.beta`, their constant outputs folded into the consumers): in evaluation
    /// mode it computes exactly what the slimmed network computes (how the reference code
    /// measures accuracy right after pruning).
    public func masked(by plan: PrunePlan, compensation: PruneCompensation = .none) throws(EngineError) -> Network {
        let keep = try keptChannels(plan)
        var copy = compensation == .beta ? try compensated(keeping: keep) : self
        copy.visitBatchNorms { bn in
            guard let kept = keep[bn.name] else { return }
            let survives = Set(kept)
            for c in 0..<bn.channels where !survives.contains(c) {
                bn.weight.value.storage[c] = 0
                bn.bias.value.storage[c] = 0
            }
        }
        return copy
    }

    /// The plan's kept indices by BN name, checked against this network.
    func keptChannels(_ plan: PrunePlan) throws(EngineError) -> [String: [Int]] {
        let widths = Dictionary(uniqueKeysWithValues: batchNorms.map { ($0.name, $0.channels) })
        var keep: [String: [Int]] = [:]
        for decision in plan.layers {
            guard let width = widths[decision.name] else {
                throw .pruneMismatch(layer: decision.name, reason: "the network has no BatchNorm layer of that name")
            }
            guard decision.before == width, decision.kept.allSatisfy({ $0 >= 0 && $0 < width }) else {
                throw .pruneMismatch(layer: decision.name, reason: "the plan was made for \(decision.before) channels, the layer has \(width)")
            }
            guard !decision.kept.isEmpty else {
                throw .pruneMismatch(layer: decision.name, reason: "no channel would remain; use --min-channels 1 or more")
            }
            keep[decision.name] = decision.kept
        }
        return keep
    }
}

extension Tensor {
    /// Entries at `indices` of a vector.
    func gathering(_ indices: [Int]) -> Tensor {
        Tensor(shape: [indices.count], values: indices.map { storage[$0] })
    }

    /// The sub-matrix of `rows` × `columns` of a tensor viewed as `[rows][columns][blockSize]`
    /// (a conv weight `[out, in, kh, kw]` has blocks of kh·kw; a linear weight blocks of 1).
    func selecting(rows: [Int], columns: [Int], blockSize: Int) -> Tensor {
        let oldColumns = shape[1]
        var values: [Float] = []
        values.reserveCapacity(rows.count * columns.count * blockSize)
        for r in rows {
            for c in columns {
                let start = (r * oldColumns + c) * blockSize
                values.append(contentsOf: storage[start..<(start + blockSize)])
            }
        }
        var newShape = shape
        newShape[0] = rows.count
        newShape[1] = columns.count
        return Tensor(shape: newShape, values: values)
    }
}
