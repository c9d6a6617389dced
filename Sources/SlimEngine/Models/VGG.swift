import SlimLog

/// Builds VGG networks from a `VGGConfig` in the reference network-slimming layout:
/// `feature.<i>` = conv (no bias), BatchNorm, ReLU, max-pool in Sequential numbering, then
/// `classifier` — a Linear on the flattened features when the cfg ends in `M`, otherwise a
/// global average pool then Linear(last width → classes).
public enum VGG {
    /// A network with the reference code's initialisation: conv weights N(0, √(2/(k·k·out))),
    /// BN γ = 0.5 and β = 0, linear weights N(0, 0.01) and bias 0.
    public static func make(model: String, cfg: VGGConfig, input: InputShape, classes: Int,
                            generator: inout SeededGenerator) throws(EngineError) -> Network {
        var layers: [any NetworkLayer] = []
        var channels = input.channels, height = input.height, width = input.width
        var index = 0
        for item in cfg.items {
            switch item {
            case let .conv(out):
                layers.append(generator.referenceConv("feature.\(index)", channels, out, kernel: 3))
                layers.append(BatchNorm2d(name: "feature.\(index + 1)", channels: out, gamma: 0.5))
                layers.append(ReLU(name: "feature.\(index + 2)"))
                index += 3
                channels = out
            case .maxPool:
                guard height >= 2 && width >= 2 else {
                    throw .configDoesNotFit(cfg: cfg.description, input: [input.channels, input.height, input.width],
                                            reason: "feature.\(index) would pool a \(height)×\(width) map")
                }
                layers.append(MaxPool2d(name: "feature.\(index)", kernel: Size2D(square: 2)))
                index += 1
                height /= 2
                width /= 2
            }
        }
        let features: Int
        if cfg.endsWithPool {
            layers.append(Flatten(name: "flatten"))
            features = channels * height * width
        } else {
            layers.append(GlobalAvgPool(name: "avgpool"))
            features = channels
        }
        let weight = generator.normalTensor(shape: [classes, features], std: 0.01)
        layers.append(Linear(name: "classifier", weight: weight, bias: Tensor(shape: [classes])))
        return Network(model: model, cfg: cfg, input: input, classes: classes, layers: layers)
    }
}
