/// The network as a list of layers, recorded at the start (`pass` 0) and after every prune
/// (`pass` k). Costs are recomputed from this, never taken from printed numbers.
public struct Architecture: Sendable, Equatable {
    /// 0 for the original network, k after the k-th prune.
    public var pass: Int
    /// Layers in execution order.
    public var layers: [Layer]
    public init(pass: Int, layers: [Layer]) { self.pass = pass; self.layers = layers }
}

/// The operation a layer performs. Open set: unknown ops from newer writers are kept as-is.
public struct LayerOp: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let conv2d = LayerOp(rawValue: "conv2d")
    public static let batchnorm2d = LayerOp(rawValue: "batchnorm2d")
    public static let relu = LayerOp(rawValue: "relu")
    public static let maxpool2d = LayerOp(rawValue: "maxpool2d")
    public static let avgpool2d = LayerOp(rawValue: "avgpool2d")
    /// Global average pooling: C×H×W → C.
    public static let globalAvgpool = LayerOp(rawValue: "global_avgpool")
    /// C×H×W → C·H·W.
    public static let flatten = LayerOp(rawValue: "flatten")
    public static let linear = LayerOp(rawValue: "linear")
    /// Element-wise sum of all `inputs` (residual connection).
    public static let add = LayerOp(rawValue: "add")
    /// Channel concatenation of all `inputs`, in order (dense connection).
    public static let concat = LayerOp(rawValue: "concat")
    /// Channel selection: passes on the input channels listed in `selected`.
    public static let select = LayerOp(rawValue: "select")
}

/// One layer with its shapes. Shapes are per sample: `[C, H, W]` for feature maps and
/// `[features]` for vectors.
public struct Layer: Sendable, Equatable {
    /// Unique within the architecture; BN layer names match the keys of `gamma` events.
    public var name: String
    public var op: LayerOp
    /// Names of the layers whose outputs this layer reads; empty = the previous layer in the
    /// list (or the network input for the first layer).
    public var inputs: [String]
    public var inShape: [Int]
    public var outShape: [Int]
    /// `[kh, kw]` for convolutions and pools.
    public var kernel: [Int]?
    /// `[sh, sw]` for convolutions and pools.
    public var stride: [Int]?
    /// `[ph, pw]` for convolutions and pools.
    public var padding: [Int]?
    /// Convolution groups (1 when absent).
    public var groups: Int?
    /// Whether a conv2d or linear layer has a bias.
    public var bias: Bool?
    /// For batchnorm2d: whether the global threshold may remove its channels.
    public var prunable: Bool?
    /// For select: indices (into the input channels) that are passed on, ascending.
    public var selected: [Int]?

    public init(name: String, op: LayerOp, inputs: [String] = [], inShape: [Int], outShape: [Int],
                kernel: [Int]? = nil, stride: [Int]? = nil, padding: [Int]? = nil,
                groups: Int? = nil, bias: Bool? = nil, prunable: Bool? = nil,
                selected: [Int]? = nil) {
        self.name = name; self.op = op; self.inputs = inputs; self.inShape = inShape
        self.outShape = outShape; self.kernel = kernel; self.stride = stride
        self.padding = padding; self.groups = groups; self.bias = bias
        self.prunable = prunable; self.selected = selected
    }
}
