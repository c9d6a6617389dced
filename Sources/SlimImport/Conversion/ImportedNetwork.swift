import SlimLog

/// The network families of the network-slimming reference code.
public enum ArchitectureFamily: String, Sendable, CaseIterable {
    case vgg, resnet, densenet
}

/// A network read from a state dict: its layers (as the reference code runs them), its BN
/// layers' γ and its cfg.
public struct ImportedNetwork: Sendable, Equatable {
    public var family: ArchitectureFamily
    /// Model name with depth, e.g. `vgg19`, `preresnet20`, `densenet40`.
    public var model: String
    /// The cfg in the reference code's form (widths as decimal strings, `"M"` for max-pool),
    /// derived from the tensor shapes.
    public var cfg: [String]
    public var layers: [Layer]
    /// γ (BN `weight`) of every BN layer, in architecture order.
    public var gammas: [GammaVector]
    /// For BN layers followed by a channel selection: the selected channel indices.
    public var selections: [String: [Int]]
    public var classes: Int
    public var input: InputShape

    /// Reads the layout of `family` (guessed from the tensor names when nil). A saved cfg
    /// must agree with the widths in the tensors; for VGG it also places the max-pools.
    public init(_ stateDict: StateDict, family: ArchitectureFamily? = nil, savedCfg: [String]? = nil) throws {
        let file = stateDict.checkpoint.file
        guard let family = family ?? Self.guessFamily(stateDict) else {
            throw ImportError.unknownArchitecture(file: file, detail: "cannot tell the architecture from the tensor names")
        }
        switch family {
        case .vgg: self = try Self.vgg(stateDict, savedCfg: savedCfg)
        case .resnet: self = try Self.preResNet(stateDict, savedCfg: savedCfg)
        case .densenet: self = try Self.denseNet(stateDict)
        }
        if let savedCfg, savedCfg != cfg {
            throw ImportError.cfgMismatch(file: file, saved: savedCfg, derived: cfg)
        }
    }

    init(family: ArchitectureFamily, model: String, cfg: [String], reader: NetworkReader,
         classes: Int, input: InputShape) {
        self.family = family; self.model = model; self.cfg = cfg; self.layers = reader.builder.layers
        self.gammas = reader.gammas; self.selections = reader.selections; self.classes = classes
        self.input = input
    }

    /// BN layers: the tensors with running statistics.
    static func batchNormCount(_ stateDict: StateDict) -> Int {
        stateDict.names.filter { $0.hasSuffix(".running_var") }.count
    }

    static func guessFamily(_ stateDict: StateDict) -> ArchitectureFamily? {
        if stateDict.contains("feature.0.weight") { return .vgg }
        if stateDict.contains("layer1.0.bn1.weight") { return .resnet }
        if stateDict.contains("dense1.0.bn1.weight") { return .densenet }
        return nil
    }

    /// Reference CIFAR input: channels of the first convolution, 32×32.
    static func cifarInput(channels: Int) -> InputShape {
        InputShape(channels: channels, height: 32, width: 32)
    }

    /// A reader past the 3×3 stem convolution `conv1` that ResNet and DenseNet start with.
    static func stem(_ stateDict: StateDict) throws -> (NetworkReader, InputShape) {
        let channels = try stateDict.shape("conv1.weight", rank: 4)[1]
        let input = cifarInput(channels: channels)
        var reader = NetworkReader(stateDict, input: [channels, input.height, input.width])
        try reader.convolution("conv1", kernel: 3)
        return (reader, input)
    }
}
