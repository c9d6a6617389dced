import SlimLog

extension TrainingRunOptions {
    /// Model names beyond the VGG presets: pre-activation ResNets and DenseNets by depth.
    public static let graphModelNames = ["resnet20", "resnet56", "resnet164", "densenet40"]

    /// The depth of a `resnetN` or `densenetN` model name, nil for VGG names.
    static func graphDepth(_ model: String, prefix: String) -> Int? {
        model.hasPrefix(prefix) ? Int(model.dropFirst(prefix.count)) : nil
    }

    /// Whether the model is a `resnetN` or `densenetN` name (depth checked when building).
    public var isGraphModel: Bool {
        cfg == nil && (Self.graphDepth(model, prefix: "resnet") ?? Self.graphDepth(model, prefix: "densenet")) != nil
    }

    /// Builds the network these options name: `resnetN` (pre-activation bottleneck, depth
    /// 9n + 2), `densenetN` (depth 3n + 4, growth 12), or a VGG preset / custom cfg.
    public func makeNetwork(input: InputShape, classes: Int, generator: inout SeededGenerator) throws(EngineError) -> Network {
        if cfg == nil, let depth = Self.graphDepth(model, prefix: "resnet") {
            return try PreResNet.make(depth: depth, input: input, classes: classes, generator: &generator)
        }
        if cfg == nil, let depth = Self.graphDepth(model, prefix: "densenet") {
            return try DenseNet.make(depth: depth, input: input, classes: classes, generator: &generator)
        }
        return try VGG.make(model: model, cfg: resolvedConfig(), input: input, classes: classes, generator: &generator)
    }
}
