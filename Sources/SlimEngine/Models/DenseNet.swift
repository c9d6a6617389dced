import SlimLog

/// DenseNets for CIFAR in the reference network-slimming layout (`models/densenet.py`, no
/// bottleneck, compression 1): `conv1` (2·growth channels in the reference code, 16 in Huang
/// et al.'s original Torch code and the paper's tables), dense blocks `dense1…3` of
/// n = (depth − 4)/3 layers with transitions `trans1`, `trans2` between them, then `bn`,
/// `select`, `relu`, `avgpool`, `fc`. A dense layer is `bn1 → select → relu → conv1 (3×3,
/// growth)` concatenated after its input (`cat`); a transition is
/// `bn1 → select → relu → conv1 (1×1) → avgpool (2×2)`.
public enum DenseNet {
    /// A network of `depth` (3n + 4) and `growth` whose first conv has `stem` channels (nil:
    /// 2·growth), with the reference initialisation: conv weights N(0, √(2/(k·k·out))), BN
    /// γ = 0.5, β = 0, fc weights N(0, 0.01), bias 0.
    public static func make(depth: Int, growth: Int = 12, stem: Int? = nil, input: InputShape, classes: Int,
                            generator: inout SeededGenerator) throws(EngineError) -> Network {
        let name = GraphModelName(family: .densenet, depth: depth, denseNetStem: stem)
        var graph = try GraphModelParts.emptyGraph(name)
        precondition(growth >= 1 && (stem ?? 1) >= 1, "DenseNet: growth and stem must be ≥ 1")
        let n = (depth - 4) / 3
        func preActivation(_ prefix: String, _ channels: Int) {
            graph.append(BatchNorm2d(name: prefix + "bn1", channels: channels, gamma: 0.5))
            graph.append(ChannelSelection(name: prefix + "select", inChannels: channels))
            graph.append(ReLU(name: prefix + "relu"))
        }
        var channels = stem ?? 2 * growth
        graph.append(generator.referenceConv("conv1", input.channels, channels, kernel: 3))
        for block in 1...3 {
            for i in 0..<n {
                let p = "dense\(block).\(i)."
                let blockInput = graph.last
                preActivation(p, channels)
                let new = graph.append(generator.referenceConv(p + "conv1", channels, growth, kernel: 3))
                graph.appendConcat(name: p + "cat", inputs: [blockInput, new])
                channels += growth
            }
            if block < 3 {
                preActivation("trans\(block).", channels)
                graph.append(generator.referenceConv("trans\(block).conv1", channels, channels, kernel: 1))
                graph.append(AvgPool2d(name: "trans\(block).avgpool", kernel: Size2D(square: 2)))
            }
        }
        return GraphModelParts.network(graph, channels: channels, model: name, input: input, classes: classes,
                                       generator: &generator)
    }
}
