import SlimPruning

/// Physical slimming of graph networks, as the reference code prunes ResNets and DenseNets.
/// A BN followed by a `ChannelSelection` feeds a residual sum or a concatenation through its
/// input, so it keeps its width: the selection passes on only its kept channels and the next
/// conv reads only those. Any other BN is narrowed with the conv before it, as in VGG.
extension LayerGraph {
    /// Whether node `index` is a BN whose pruning is done by the selection after it.
    func isSelectedBatchNorm(_ index: Int) -> Bool {
        guard case .layer(let layer) = nodes[index].operation, layer is BatchNorm2d,
              nodes.indices.contains(index + 1), nodes[index + 1].inputs == [index],
              case .layer(let next) = nodes[index + 1].operation else { return false }
        return next is ChannelSelection
    }

    /// The graph with `keep` (kept channels by BN name) applied physically.
    func slimmed(keeping keep: [String: [Int]], inShape: [Int]) -> LayerGraph {
        var graph = LayerGraph(name: name)
        // For each node, the old channel index of every channel of its new output.
        var survivors: [[Int]] = []
        let all = Array(0..<inShape[0])
        let oldWidths = (nodeShapes(for: inShape) ?? []).map { $0[0] }
        for (i, node) in nodes.enumerated() {
            let ins = node.inputs.map { $0 == Self.input ? all : survivors[$0] }
            switch node.operation {
            case let .add(add):
                precondition(ins.allSatisfy { $0 == ins[0] }, "\(add.name): operands were narrowed differently")
                graph.appendAdd(name: add.name, inputs: node.inputs)
                survivors.append(ins[0])
            case let .concat(concat):
                let widths = node.inputs.map { $0 == Self.input ? inShape[0] : oldWidths[$0] }
                var offset = 0, joined: [Int] = []
                for (input, width) in zip(ins, widths) {
                    joined += input.map { $0 + offset }
                    offset += width
                }
                graph.appendConcat(name: concat.name, inputs: node.inputs)
                survivors.append(joined)
            case let .layer(layer):
                let (newLayer, out) = slimmedLayer(layer, at: i, reading: ins[0], keep: keep)
                graph.append(newLayer, reading: node.inputs[0])
                survivors.append(out)
            }
        }
        return graph
    }

    private func slimmedLayer(_ layer: any NetworkLayer, at i: Int, reading columns: [Int],
                              keep: [String: [Int]]) -> (any NetworkLayer, [Int]) {
        switch layer {
        case let conv as Conv2d:
            var rows = Array(0..<conv.outChannels)
            if nodes.indices.contains(i + 1), nodes[i + 1].inputs == [i], !isSelectedBatchNorm(i + 1),
               case .layer(let next) = nodes[i + 1].operation, let bn = next as? BatchNorm2d, let kept = keep[bn.name] {
                rows = kept
            }
            let weight = conv.weight.value.selecting(rows: rows, columns: columns, blockSize: conv.kernel.height * conv.kernel.width)
            return (Conv2d(name: conv.name, weight: weight, bias: conv.bias.map { $0.value.gathering(rows) },
                           stride: conv.stride, padding: conv.padding), rows)
        case let bn as BatchNorm2d:
            var gamma = bn.weight.value.gathering(columns), beta = bn.bias.value.gathering(columns)
            // Channels the selection after this BN drops keep γ = β = 0, so their |γ| never
            // competes in a later pass's threshold and they stay dropped.
            if isSelectedBatchNorm(i), case let .layer(next) = nodes[i + 1].operation, let selection = next as? ChannelSelection {
                let live = Set(selection.selected).intersection(keep[bn.name] ?? selection.selected)
                for (j, c) in columns.enumerated() where !live.contains(c) {
                    gamma.storage[j] = 0
                    beta.storage[j] = 0
                }
            }
            return (BatchNorm2d(name: bn.name, gamma: gamma, beta: beta,
                                runningMean: bn.runningMean.value.gathering(columns),
                                runningVar: bn.runningVar.value.gathering(columns),
                                epsilon: bn.epsilon, momentum: bn.momentum), columns)
        case let selection as ChannelSelection:
            // `selected` and `keep` index the BN's channels; a channel an earlier pass dropped
            // stays dropped. The survivors are positions in the selection's old output.
            let previous = i > 0 ? nodes[i - 1].name : ""
            let current = Set(selection.selected)
            let wanted = (keep[previous] ?? selection.selected).filter { current.contains($0) }
            let positions = wanted.compactMap { columns.firstIndex(of: $0) }
            let outputIndex = Dictionary(uniqueKeysWithValues: selection.selected.enumerated().map { ($1, $0) })
            return (ChannelSelection(name: selection.name, inChannels: columns.count, selected: positions),
                    positions.compactMap { outputIndex[columns[$0]] })
        case let linear as Linear:
            let weight = linear.weight.value.selecting(rows: Array(0..<linear.outFeatures), columns: columns, blockSize: 1)
            return (Linear(name: linear.name, weight: weight, bias: linear.bias?.value), Array(0..<linear.outFeatures))
        default:
            return (layer, columns)
        }
    }
}
