import SlimLog

/// ResNet and DenseNet checkpoints, tensor for tensor the reference code's state dict:
/// parameters and buffers under their module names (`layer1.0.bn1.weight`, `dense2.3.conv1.weight`,
/// `fc.bias`, …) and every channel selection as `<name>.indexes` (1 = passed on, 0 = dropped,
/// as `channel_selection.indexes`). The metadata adds `format` = `slim-graph/1`, the model
/// name (`resnet164`, `densenet40`, `densenet40-paper`), `input`, `classes` and `cfg`: the
/// channels each BN passes on, in order — the reference code's cfg of a pruned network.
///
/// A slimmed network reloads from this alone: the first conv gives the base width (and the
/// first dense layer the growth rate), a selection's indexes say which channels it keeps, and
/// every other BN's length says how many its conv kept.
extension Checkpoint {
    public static let graphFormat = "slim-graph/1"

    static func graphContents(of network: Network) -> SafeTensors {
        var tensors: [(name: String, tensor: Tensor)] = []
        var cfg: [Int] = []
        for layer in network.layers.flatMap({ ($0 as? LayerGraph)?.layers ?? [$0] }) {
            if let selection = layer as? ChannelSelection {
                var indexes = Tensor(shape: [selection.inChannels])
                for c in selection.selected { indexes.storage[c] = 1 }
                tensors.append((selection.name + ".indexes", indexes))
                cfg[cfg.count - 1] = selection.selected.count
            } else {
                tensors += layer.parameters.map { ($0.name, $0.value) }
                if let bn = layer as? BatchNorm2d { cfg.append(bn.channels) }
            }
        }
        let metadata = metadata(of: network, format: graphFormat)
            .merging(["cfg": cfg.map(String.init).joined(separator: ",")]) { $1 }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    static func graphNetwork(from file: SafeTensors, input: InputShape, classes: Int, path: String) throws(EngineError) -> Network {
        let modelName = file.metadata["model"] ?? ""
        guard let model = GraphModelName(modelName) else {
            throw .checkpointMismatch(path: path, reason: "metadata model '\(modelName)' is not resnetN, densenetN or densenetN-paper")
        }
        let width = try outputChannels(of: "conv1", in: file, path: path)
        var generator = SeededGenerator(seed: 0)
        var full: Network
        switch model.family {
        case .resnet:
            full = try PreResNet.make(depth: model.depth, width: width, input: input, classes: classes, generator: &generator)
        case .densenet:
            let growth = try outputChannels(of: "dense1.0.conv1", in: file, path: path)
            full = try DenseNet.make(depth: model.depth, growth: growth, stem: width == 2 * growth ? nil : width,
                                     input: input, classes: classes, generator: &generator)
        }
        guard let graph = full.layers.first as? LayerGraph else {
            throw .checkpointMismatch(path: path, reason: "\(modelName) did not build as a graph")
        }
        let keep = try keptChannels(of: graph, in: file, path: path)
        let slim = graph.slimmed(keeping: keep, inShape: [input.channels, input.height, input.width])
        var network = Network(model: modelName, cfg: full.cfg, input: input, classes: classes, layers: [slim])
        try assign(file, to: &network, path: path)
        if let saved = file.metadata["cfg"], saved != graphContents(of: network).metadata["cfg"] {
            throw .checkpointMismatch(path: path, reason: "metadata cfg '\(saved)' disagrees with the tensors")
        }
        return network
    }

    private static func outputChannels(of conv: String, in file: SafeTensors, path: String) throws(EngineError) -> Int {
        guard let weight = file[conv + ".weight"], weight.shape.count == 4, weight.shape[0] > 0 else {
            throw .checkpointMismatch(path: path, reason: "tensor '\(conv).weight' is missing or not a conv weight [out, in, kh, kw]")
        }
        return weight.shape[0]
    }

    /// Per BN, the channels the checkpoint keeps: a selection's indexes, else as many leading
    /// channels as the saved BN has (their values are then set from the file).
    private static func keptChannels(of graph: LayerGraph, in file: SafeTensors, path: String) throws(EngineError) -> [String: [Int]] {
        var keep: [String: [Int]] = [:]
        for (i, node) in graph.nodes.enumerated() {
            guard case let .layer(layer) = node.operation, let bn = layer as? BatchNorm2d else { continue }
            if graph.isSelectedBatchNorm(i) {
                let name = graph.nodes[i + 1].name + ".indexes"
                guard let indexes = file[name], indexes.count == bn.channels else {
                    throw .checkpointMismatch(path: path, reason: "tensor '\(name)' is missing or does not have \(bn.channels) entries")
                }
                keep[bn.name] = indexes.storage.indices.filter { indexes.storage[$0] != 0 }
                guard keep[bn.name]?.isEmpty == false else {
                    throw .checkpointMismatch(path: path, reason: "tensor '\(name)' selects no channel")
                }
            } else {
                guard let gamma = file[bn.name + ".weight"], (1...bn.channels).contains(gamma.count) else {
                    throw .checkpointMismatch(path: path, reason: "tensor '\(bn.name).weight' is missing or does not have 1 to \(bn.channels) entries")
                }
                keep[bn.name] = Array(0..<gamma.count)
            }
        }
        return keep
    }
}
