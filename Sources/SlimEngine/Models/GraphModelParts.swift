import SlimLog

/// What the graph models (PreResNet, DenseNet) build alike, with the reference code's
/// initialisation: the validated, named graph and the classifier head.
enum GraphModelParts {
    /// An empty graph named after `model`; throws when its depth cannot be built.
    static func emptyGraph(_ model: GraphModelName) throws(EngineError) -> LayerGraph {
        try model.validate()
        return LayerGraph(name: model.name)
    }

    /// `graph` with the head on its `channels` features appended — `bn` (γ = 0.5), `select`,
    /// `relu`, `avgpool` (global) and `fc` (weights N(0, 0.01), bias 0) — as the network `model`.
    static func network(_ graph: LayerGraph, channels: Int, model: GraphModelName, input: InputShape, classes: Int,
                        generator: inout SeededGenerator) -> Network {
        var graph = graph
        graph.append(BatchNorm2d(name: "bn", channels: channels, gamma: 0.5))
        graph.append(ChannelSelection(name: "select", inChannels: channels))
        graph.append(ReLU(name: "relu"))
        graph.append(GlobalAvgPool(name: "avgpool"))
        graph.append(Linear(name: "fc", weight: generator.normalTensor(shape: [classes, channels], std: 0.01),
                            bias: Tensor(shape: [classes])))
        return Network(model: model.name, cfg: VGGConfig([]), input: input, classes: classes, layers: [graph])
    }
}
