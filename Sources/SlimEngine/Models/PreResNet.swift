import SlimLog

/// Pre-activation ResNets with bottleneck blocks for CIFAR, in the reference network-slimming
/// layout (`models/preresnet.py`): `conv1`, stages `layer1…3` of n = (depth − 2)/9 blocks, then
/// `bn`, `select`, `relu`, `avgpool`, `fc`. Each block is
/// `bn1 → select → relu → conv1 (1×1) → bn2 → relu → conv2 (3×3) → bn3 → relu → conv3 (1×1)`
/// plus the shortcut (`downsample.0`, a strided 1×1 conv, on each stage's first block).
public enum PreResNet {
    /// A network of `depth` (9n + 2) whose stages have `width`, 2·`width` and 4·`width`
    /// bottleneck planes (16 in the reference code), with the reference initialisation: conv weights
    /// N(0, √(2/(k·k·out))), BN γ = 0.5, β = 0, fc weights N(0, 0.01), bias 0.
    public static func make(depth: Int, width: Int = 16, input: InputShape, classes: Int,
                            generator: inout SeededGenerator) throws(EngineError) -> Network {
        let name = GraphModelName(family: .resnet, depth: depth, denseNetStem: nil)
        var graph = try GraphModelParts.emptyGraph(name)
        precondition(width >= 1, "PreResNet: width must be ≥ 1")
        let n = (depth - 2) / 9
        graph.append(generator.referenceConv("conv1", input.channels, width, kernel: 3))
        var inplanes = width
        for (stage, planes) in [width, 2 * width, 4 * width].enumerated() {
            for b in 0..<n {
                let p = "layer\(stage + 1).\(b)."
                let stride = stage > 0 && b == 0 ? 2 : 1
                let blockInput = graph.last
                graph.append(BatchNorm2d(name: p + "bn1", channels: inplanes, gamma: 0.5))
                graph.append(ChannelSelection(name: p + "select", inChannels: inplanes))
                graph.append(ReLU(name: p + "relu1"))
                graph.append(generator.referenceConv(p + "conv1", inplanes, planes, kernel: 1))
                graph.append(BatchNorm2d(name: p + "bn2", channels: planes, gamma: 0.5))
                graph.append(ReLU(name: p + "relu2"))
                graph.append(generator.referenceConv(p + "conv2", planes, planes, kernel: 3, stride: stride))
                graph.append(BatchNorm2d(name: p + "bn3", channels: planes, gamma: 0.5))
                graph.append(ReLU(name: p + "relu3"))
                let branch = graph.append(generator.referenceConv(p + "conv3", planes, planes * 4, kernel: 1))
                var shortcut = blockInput
                if stride != 1 || inplanes != planes * 4 {
                    shortcut = graph.append(generator.referenceConv(p + "downsample.0", inplanes, planes * 4, kernel: 1, stride: stride),
                                            reading: blockInput)
                }
                graph.appendAdd(name: p + "add", inputs: [branch, shortcut])
                inplanes = planes * 4
            }
        }
        return GraphModelParts.network(graph, channels: inplanes, model: name, input: input, classes: classes,
                                       generator: &generator)
    }
}
