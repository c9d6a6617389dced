import SlimPruning

/// What a prune does about the output a removed channel still had.
///
/// A BN channel whose γ is near zero outputs the constant β at every position (ReLU(β) after
/// the activation). The layers after it were trained with that constant present — the next
/// BN's running mean includes it — so simply dropping the channel shifts the next layer's
/// input even though γ was zero. This is why a sparsity-trained network can lose accuracy at
/// a prune that only removes channels with γ ≈ 0.
public enum PruneCompensation: String, Sendable, Equatable, CaseIterable {
    /// Drop the channels, as the reference code does (it zeroes γ and β).
    case none
    /// Fold each removed channel's constant output into the layer that reads it: the conv's
    /// bias, else the running mean of the BN right after that conv, or the linear layer's bias.
    /// Exact where the constant reaches the consumer unchanged (a linear layer, a 1×1 conv, an
    /// unpadded conv); at the zero-padded border of a 3×3 conv it is approximate. In residual
    /// and dense graphs, channels whose consumer feeds a sum or a concatenation go plainly.
    case beta
}

extension Network {
    /// The BN layers of `plan` whose removed channels `PruneCompensation.beta` cannot fold
    /// into a consumer (in residual and dense graphs, those feeding a sum or concatenation
    /// through a conv; see `LayerGraph.compensated(keeping:)`); empty for VGG-style networks.
    public func betaCompensationGaps(for plan: PrunePlan) throws(EngineError) -> [String] {
        let keep = try keptChannels(plan)
        return layers.compactMap { $0 as? LayerGraph }.flatMap { $0.compensated(keeping: keep).uncompensated }
    }

    /// This network with the constant output ReLU(β) of every channel that `keep` leaves out
    /// folded into the layer that consumes it. The removed channels themselves are untouched.
    func compensated(keeping keep: [String: [Int]]) throws(EngineError) -> Network {
        var copy = self
        // Constant value per removed channel of the current feature map, keyed by channel.
        var pending: [Int: Float] = [:]
        // Features per channel once flattened (1 while the data are feature maps).
        var plane = 1
        var shape = [input.channels, input.height, input.width]
        for i in layers.indices {
            let outShape = layers[i].outputShape(for: shape) ?? shape
            defer { shape = outShape }
            switch layers[i] {
            case let bn as BatchNorm2d:
                guard let kept = keep[bn.name] else { continue }
                let survives = Set(kept)
                for c in 0..<bn.channels where !survives.contains(c) { pending[c] = bn.bias.value.storage[c] }
            case is ReLU:
                pending = pending.mapValues { max($0, 0) }
            case is MaxPool2d, is AvgPool2d, is GlobalAvgPool:
                continue
            case let graph as LayerGraph:
                copy.layers[i] = graph.compensated(keeping: keep).graph
            case is Flatten:
                plane = shape.count == 3 ? shape[1] * shape[2] : 1
            case var conv as Conv2d:
                guard !pending.isEmpty else { continue }
                let shift = Self.shift(weight: conv.weight.value, block: conv.kernel.height * conv.kernel.width, constants: pending)
                pending = [:]
                if var bias = conv.bias {
                    for o in shift.indices { bias.value.storage[o] += shift[o] }
                    conv.bias = bias
                    copy.layers[i] = conv
                } else if layers.indices.contains(i + 1), var next = layers[i + 1] as? BatchNorm2d {
                    for o in shift.indices { next.runningMean.value.storage[o] -= shift[o] }
                    copy.layers[i + 1] = next
                } else {
                    throw .pruneMismatch(layer: conv.name, reason: "its removed inputs cannot be compensated: it has no bias and no BatchNorm after it; use --compensation none")
                }
            case var linear as Linear:
                guard !pending.isEmpty else { continue }
                guard var bias = linear.bias else {
                    throw .pruneMismatch(layer: linear.name, reason: "its removed inputs cannot be compensated: it has no bias; use --compensation none")
                }
                let shift = Self.shift(weight: linear.weight.value, block: plane, constants: pending)
                pending = [:]
                for o in shift.indices { bias.value.storage[o] += shift[o] }
                linear.bias = bias
                copy.layers[i] = linear
            default:
                guard pending.isEmpty else {
                    throw .pruneMismatch(layer: layers[i].name, reason: "removed channels pass through a layer compensation does not support; use --compensation none")
                }
            }
        }
        return copy
    }

    /// Σ over the constant input channels c of value(c) · Σ of the weights reading c, per output
    /// row, for a weight viewed as `[rows][channels][block]`.
    static func shift(weight: Tensor, block: Int, constants: [Int: Float]) -> [Float] {
        let rows = weight.shape[0]
        let columns = weight.shape[1] / (weight.shape.count == 2 ? block : 1)
        var shift = [Float](repeating: 0, count: rows)
        // In channel order: Float sums depend on their order, and a Dictionary's order changes
        // from run to run, which made pass-2 `loss_after` differ between identical runs.
        for (c, value) in constants.sorted(by: { $0.key < $1.key }) where value != 0 {
            for o in 0..<rows {
                let start = (o * columns + c) * block
                var sum: Float = 0
                for k in start..<(start + block) { sum += weight.storage[k] }
                shift[o] += value * sum
            }
        }
        return shift
    }
}
