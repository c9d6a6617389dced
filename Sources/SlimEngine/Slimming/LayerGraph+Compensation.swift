/// `PruneCompensation.beta` in residual and dense graphs. A removed channel's constant
/// ReLU(β) can be folded wherever it reaches a consumer with somewhere to put it: a conv whose
/// only reader is a BN (its running mean), or the classifier after the global pool (its bias).
/// In the reference ResNet that is every block's `bn1` (→ `conv1` → `bn2`) and `bn2`
/// (→ `conv2` → `bn3`) and the final `bn`; a `bn3` feeds the residual sum through `conv3`,
/// and a DenseNet layer's conv feeds the concatenation, so their removed channels go plainly.
extension LayerGraph {
    /// The graph with what can be folded folded, and the names of the BNs whose removed
    /// channels could not be (dropped as `PruneCompensation.none` would).
    func compensated(keeping keep: [String: [Int]]) -> (graph: LayerGraph, uncompensated: [String]) {
        var graph = self
        var uncompensated: [String] = []
        let readers = readerCounts
        for (i, node) in nodes.enumerated() {
            guard case let .layer(layer) = node.operation, let bn = layer as? BatchNorm2d, let kept = keep[bn.name] else { continue }
            let survives = Set(kept)
            var live = Set(0..<bn.channels)
            if isSelectedBatchNorm(i), case let .layer(next) = nodes[i + 1].operation, let selection = next as? ChannelSelection {
                live = Set(selection.selected)
            }
            var constants: [Int: Float] = [:]
            for c in live where !survives.contains(c) { constants[c] = bn.bias.value.storage[c] }
            guard !constants.isEmpty else { continue }
            if !graph.fold(constants, from: i, readers: readers) { uncompensated.append(bn.name) }
        }
        return (graph, uncompensated)
    }

    /// Follows node `start`'s output through single-reader selections, ReLUs and global pools
    /// to its consumer and folds `constants` (value per channel) into it; false when the
    /// consumer has nowhere to take them.
    private mutating func fold(_ constants: [Int: Float], from start: Int, readers: [Int]) -> Bool {
        var constants = constants
        var j = start + 1
        while j < nodes.count, nodes[j].inputs == [j - 1], readers[j - 1] == 1, case let .layer(layer) = nodes[j].operation {
            switch layer {
            case let selection as ChannelSelection:
                let position = Dictionary(uniqueKeysWithValues: selection.selected.enumerated().map { ($1, $0) })
                constants = Dictionary(uniqueKeysWithValues: constants.compactMap { c, v in position[c].map { ($0, v) } })
            case is ReLU:
                constants = constants.mapValues { max($0, 0) }
            case is GlobalAvgPool:
                break
            case let conv as Conv2d:
                guard nodes.indices.contains(j + 1), nodes[j + 1].inputs == [j], readers[j] == 1,
                      case let .layer(next) = nodes[j + 1].operation, var bn = next as? BatchNorm2d else { return false }
                let shift = Network.shift(weight: conv.weight.value, block: conv.kernel.height * conv.kernel.width, constants: constants)
                for o in shift.indices { bn.runningMean.value.storage[o] -= shift[o] }
                nodes[j + 1].operation = .layer(bn)
                return true
            case var linear as Linear:
                guard var bias = linear.bias else { return false }
                let shift = Network.shift(weight: linear.weight.value, block: 1, constants: constants)
                for o in shift.indices { bias.value.storage[o] += shift[o] }
                linear.bias = bias
                nodes[j].operation = .layer(linear)
                return true
            default:
                return false
            }
            j += 1
        }
        return false
    }
}
