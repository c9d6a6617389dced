/// The first line of every log: who wrote it, with which configuration, on which input.
public struct RunHeader: Sendable, Equatable {
    /// Always `slim-run/1` (or `slim-run/1.x`) for this major version.
    public var schema: String
    /// Unique id of the run (e.g. a UUID or timestamp-based string).
    public var runID: String
    /// Human-readable name; shown in reports and comparisons.
    public var name: String
    /// ISO 8601 timestamp with time zone, e.g. `2026-11-25T06:52:00Z`.
    public var created: String
    public var engine: Engine
    public var config: RunConfig
    /// Shape of one input sample.
    public var input: InputShape
    /// Number of classes of the classifier.
    public var classes: Int
    /// Where the run ran: free-form key/value pairs (host, cpu, threads, blas, os …).
    public var environment: [(key: String, value: JSONValue)]

    public init(schema: String = Schema.current, runID: String, name: String, created: String,
                engine: Engine, config: RunConfig, input: InputShape, classes: Int,
                environment: [(key: String, value: JSONValue)] = []) {
        self.schema = schema; self.runID = runID; self.name = name; self.created = created
        self.engine = engine; self.config = config; self.input = input; self.classes = classes
        self.environment = environment
    }

    public static func == (lhs: RunHeader, rhs: RunHeader) -> Bool {
        lhs.schema == rhs.schema && lhs.runID == rhs.runID && lhs.name == rhs.name
            && lhs.created == rhs.created && lhs.engine == rhs.engine && lhs.config == rhs.config
            && lhs.input == rhs.input && lhs.classes == rhs.classes
            && JSONValue.object(lhs.environment) == JSONValue.object(rhs.environment)
    }
}

/// The program that wrote the log.
public struct Engine: Sendable, Equatable {
    public var name: String
    public var version: String
    public init(name: String, version: String) { self.name = name; self.version = version }
}

/// Channels × height × width of one sample.
public struct InputShape: Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int
    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels; self.height = height; self.width = width
    }
}

/// The training and pruning configuration. Only `model` and `dataset` are required; a
/// recorder for another framework fills in what it knows and may add keys in `extra`.
public struct RunConfig: Sendable, Equatable {
    /// Model name, e.g. `vgg19`, `mnist-vgg`, `resnet164`.
    public var model: String
    /// VGG-style width list when the model is built from one (`"M"` = max-pool).
    public var cfg: [String]?
    public var dataset: String
    /// Sparsity penalty λ on Σ|γ| (0 = no penalty).
    public var lambda: Double?
    /// Prune ratio p per pass, in [0, 1).
    public var pruneRatio: Double?
    public var passes: Int?
    /// Sparsity (or baseline) training epochs.
    public var epochs: Int?
    /// Fine-tuning epochs after each prune.
    public var finetuneEpochs: Int?
    public var batchSize: Int?
    /// Initial learning rate.
    public var learningRate: Double?
    /// Epoch fractions (e.g. [0.5, 0.75]) at which the learning rate is multiplied by `lrGamma`.
    public var lrMilestones: [Double]?
    public var lrGamma: Double?
    public var momentum: Double?
    public var weightDecay: Double?
    public var seed: UInt64?
    public var threads: Int?
    public var minChannels: Int?
    public var maxLayerRatio: Double?
    /// What a prune does with the removed channels' constant outputs: `beta` (folded into
    /// the next layer) or `none` (dropped, as the reference code does).
    public var compensation: String?
    /// γ snapshots every this many steps, besides every epoch end.
    public var gammaEvery: Int?
    /// Keys this schema does not name, in file order.
    public var extra: [(key: String, value: JSONValue)]

    public init(model: String, cfg: [String]? = nil, dataset: String, lambda: Double? = nil,
                pruneRatio: Double? = nil, passes: Int? = nil, epochs: Int? = nil,
                finetuneEpochs: Int? = nil, batchSize: Int? = nil, learningRate: Double? = nil,
                lrMilestones: [Double]? = nil, lrGamma: Double? = nil, momentum: Double? = nil,
                weightDecay: Double? = nil, seed: UInt64? = nil, threads: Int? = nil,
                minChannels: Int? = nil, maxLayerRatio: Double? = nil, compensation: String? = nil,
                gammaEvery: Int? = nil,
                extra: [(key: String, value: JSONValue)] = []) {
        self.model = model; self.cfg = cfg; self.dataset = dataset; self.lambda = lambda
        self.pruneRatio = pruneRatio; self.passes = passes; self.epochs = epochs
        self.finetuneEpochs = finetuneEpochs; self.batchSize = batchSize
        self.learningRate = learningRate; self.lrMilestones = lrMilestones; self.lrGamma = lrGamma
        self.momentum = momentum; self.weightDecay = weightDecay; self.seed = seed
        self.threads = threads; self.minChannels = minChannels; self.maxLayerRatio = maxLayerRatio
        self.compensation = compensation; self.gammaEvery = gammaEvery; self.extra = extra
    }

    public static func == (lhs: RunConfig, rhs: RunConfig) -> Bool {
        lhs.model == rhs.model && lhs.cfg == rhs.cfg && lhs.dataset == rhs.dataset
            && lhs.lambda == rhs.lambda && lhs.pruneRatio == rhs.pruneRatio
            && lhs.passes == rhs.passes && lhs.epochs == rhs.epochs
            && lhs.finetuneEpochs == rhs.finetuneEpochs && lhs.batchSize == rhs.batchSize
            && lhs.learningRate == rhs.learningRate && lhs.lrMilestones == rhs.lrMilestones
            && lhs.lrGamma == rhs.lrGamma && lhs.momentum == rhs.momentum
            && lhs.weightDecay == rhs.weightDecay && lhs.seed == rhs.seed
            && lhs.threads == rhs.threads && lhs.minChannels == rhs.minChannels
            && lhs.maxLayerRatio == rhs.maxLayerRatio && lhs.compensation == rhs.compensation
            && lhs.gammaEvery == rhs.gammaEvery
            && JSONValue.object(lhs.extra) == JSONValue.object(rhs.extra)
    }
}
