import SlimLog

/// A pre-activation ResNet or DenseNet named by family and depth: `resnetN` (bottleneck
/// blocks, N = 9n + 2), `densenetN` (N = 3n + 4, growth 12, first conv 2·growth = 24
/// channels as in the reference PyTorch code) or `densenetN-paper` (first conv 16 channels,
/// as in Huang et al.'s original Torch code, whose counts the paper's tables give).
public struct GraphModelName: Sendable, Equatable {
    public enum Family: String, Sendable {
        case resnet, densenet
    }

    public var family: Family
    public var depth: Int
    /// Width of a DenseNet's first conv; nil means 2·growth (the reference code).
    public var denseNetStem: Int?

    /// The first-conv width of `densenetN-paper`.
    public static let paperDenseNetStem = 16

    /// Parses `resnetN`, `densenetN` or `densenetN-paper`; nil for any other name (VGG
    /// presets, typos). The depth is checked by `validate()`.
    public init?(_ name: String) {
        let (prefix, suffix): (Family, String)
        if name.hasPrefix("resnet") {
            (prefix, suffix) = (.resnet, String(name.dropFirst("resnet".count)))
        } else if name.hasPrefix("densenet") {
            (prefix, suffix) = (.densenet, String(name.dropFirst("densenet".count)))
        } else {
            return nil
        }
        var digits = Substring(suffix)
        var stem: Int?
        if prefix == .densenet, digits.hasSuffix("-paper") {
            digits = digits.dropLast("-paper".count)
            stem = Self.paperDenseNetStem
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let depth = Int(digits) else { return nil }
        family = prefix; self.depth = depth; denseNetStem = stem
    }

    /// The name as `slim-train --model` takes it.
    public var name: String {
        "\(family.rawValue)\(depth)" + (denseNetStem == Self.paperDenseNetStem ? "-paper" : "")
    }

    /// Refuses a depth the family cannot be built with, naming the valid ones.
    public func validate() throws(EngineError) {
        let (step, offset, paperDepth, kind) = switch family {
        case .resnet: (9, 2, 164, "pre-activation ResNets need depth 9n + 2")
        case .densenet: (3, 4, 40, "DenseNets need depth 3n + 4")
        }
        guard depth < step + offset || (depth - offset) % step != 0 else { return }
        let first = (1...4).map { String($0 * step + offset) }.joined(separator: ", ")
        let below = (depth - offset) / step, nearest = below >= 1 ? [below, below + 1] : [1]
        let names = nearest.map { GraphModelName(family: family, depth: $0 * step + offset, denseNetStem: denseNetStem).name }
        throw .invalidDepth(model: name, reason: "\(kind) with n ≥ 1 (\(first), …, \(paperDepth)); the nearest "
            + (names.count == 1 ? "is \(names[0])" : "are \(names[0]) and \(names[1])"))
    }

    init(family: Family, depth: Int, denseNetStem: Int?) {
        self.family = family; self.depth = depth; self.denseNetStem = denseNetStem
    }

    /// Builds the network with the reference initialisation.
    public func make(input: InputShape, classes: Int, generator: inout SeededGenerator) throws(EngineError) -> Network {
        switch family {
        case .resnet: try PreResNet.make(depth: depth, input: input, classes: classes, generator: &generator)
        case .densenet: try DenseNet.make(depth: depth, stem: denseNetStem, input: input, classes: classes, generator: &generator)
        }
    }
}

extension TrainingRunOptions {
    /// Model names beyond the VGG presets: pre-activation ResNets and DenseNets by depth.
    public static let graphModelNames = ["resnet20", "resnet56", "resnet164", "densenet40", "densenet40-paper"]

    /// The ResNet or DenseNet these options name, nil for VGG models.
    public var graphModel: GraphModelName? {
        cfg == nil ? GraphModelName(model) : nil
    }

    /// Whether the model is a `resnetN` or `densenetN` name (depth checked when building).
    public var isGraphModel: Bool { graphModel != nil }

    /// Builds the network these options name: `resnetN`, `densenetN`, `densenetN-paper` (see
    /// `GraphModelName`), or a VGG preset / custom cfg.
    public func makeNetwork(input: InputShape, classes: Int, generator: inout SeededGenerator) throws(EngineError) -> Network {
        if let graphModel {
            return try graphModel.make(input: input, classes: classes, generator: &generator)
        }
        return try VGG.make(model: model, cfg: resolvedConfig(), input: input, classes: classes, generator: &generator)
    }
}
