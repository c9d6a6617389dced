import Foundation
import SlimLog

/// Everything `slim-train` needs for a plain training run, as a value.
public struct TrainingRunOptions: Sendable, Equatable {
    /// A preset name (`mnist-vgg`, `vgg19`, …) or `custom` with `cfg`.
    public var model: String
    /// Overrides the preset's widths when given.
    public var cfg: VGGConfig?
    /// `mnist-5k` (embedded), `fashion-mnist`, `mnist`, `cifar10`, `cifar100`.
    public var dataset: String
    /// The folder holding the dataset files (not needed for `mnist-5k`; `fashion-mnist` defaults
    /// to where Debian's `dataset-fashion-mnist` installs it).
    public var dataDirectory: String?
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var momentum: Double
    public var weightDecay: Double
    public var seed: UInt64
    public var threads: Int
    public var gammaEvery: Int?
    public var name: String?

    public init(model: String = "mnist-vgg", cfg: VGGConfig? = nil, dataset: String = "mnist-5k",
                dataDirectory: String? = nil, epochs: Int = 5, batchSize: Int = 64, learningRate: Double = 0.1,
                momentum: Double = 0.9, weightDecay: Double = 1e-4, seed: UInt64 = 1,
                threads: Int = Parallelism.defaultThreads, gammaEvery: Int? = nil, name: String? = nil) {
        self.model = model; self.cfg = cfg; self.dataset = dataset; self.dataDirectory = dataDirectory
        self.epochs = epochs; self.batchSize = batchSize; self.learningRate = learningRate
        self.momentum = momentum; self.weightDecay = weightDecay; self.seed = seed; self.threads = threads
        self.gammaEvery = gammaEvery; self.name = name
    }

    /// The widths to build: `cfg` if given, else the preset.
    public func resolvedConfig() throws(EngineError) -> VGGConfig {
        if let cfg { return cfg }
        guard let preset = VGGConfig.preset(model) else { throw .unknownModel(model) }
        return preset
    }

    /// Loads the dataset these options name.
    public func loadDataset() throws -> Dataset {
        if dataset == "mnist-5k" && dataDirectory == nil { return try MNIST.embedded() }
        if dataset == "fashion-mnist" { return try FashionMNIST.load(directory: dataDirectory) }
        guard let directory = dataDirectory else { throw EngineError.unknownDataset(dataset) }
        switch dataset {
        case "mnist", "mnist-5k": return try MNIST.load(directory: directory, name: dataset)
        case "cifar10": return try CIFAR.load(directory: directory, variant: .cifar10)
        case "cifar100": return try CIFAR.load(directory: directory, variant: .cifar100)
        default: throw EngineError.unknownDataset(dataset)
        }
    }

    /// The training settings of the baseline phase.
    public var settings: TrainingSettings {
        TrainingSettings(epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                         momentum: Float(momentum), weightDecay: Float(weightDecay), seed: seed,
                         gammaEvery: gammaEvery, parallelism: Parallelism(threads: threads))
    }
}

/// A plain (baseline) training run: emits `run`, `architecture`, then per epoch `epoch` and
/// `gamma`, then `end`. Returns the trained network.
public struct TrainingRun {
    public var options: TrainingRunOptions

    public init(options: TrainingRunOptions) { self.options = options }

    /// The `run` event for these options.
    public func header(network: Network, dataset: Dataset, created: Date = Date()) -> RunHeader {
        let stamp = ISO8601DateFormatter().string(from: created)
        let idFormat = DateFormatter()
        idFormat.dateFormat = "yyyyMMdd-HHmmss"
        idFormat.timeZone = TimeZone(identifier: "UTC")
        let config = RunConfig(model: options.model, cfg: network.cfg.logItems, dataset: dataset.name, lambda: 0,
                               epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate,
                               lrMilestones: [0.5, 0.75], lrGamma: 0.1, momentum: options.momentum,
                               weightDecay: options.weightDecay, seed: options.seed, threads: options.threads,
                               gammaEvery: options.gammaEvery)
        return RunHeader(runID: "\(idFormat.string(from: created))-\(options.model)",
                         name: options.name ?? "\(options.model) baseline", created: stamp,
                         engine: Engine(name: "slim-train", version: EngineInfo.version), config: config,
                         input: dataset.input, classes: dataset.classes,
                         environment: EngineInfo.environment(threads: options.threads))
    }

    /// Loads the data, builds the network, trains, and records every event through `record`.
    public func execute(record: @escaping (Event) throws -> Void,
                        progress: @escaping (TrainingProgress) -> Void = { _ in }) throws -> Network {
        let started = Date()
        let dataset = try options.loadDataset()
        var generator = SeededGenerator(seed: options.seed)
        let network = try options.makeNetwork(input: dataset.input, classes: dataset.classes, generator: &generator)
        BLAS.setThreads(options.threads)
        try record(.run(header(network: network, dataset: dataset, created: started)))
        try record(.architecture(network.architecture(pass: 0)))
        var trainer = Trainer(network: network, dataset: dataset, settings: options.settings, record: record, progress: progress)
        try trainer.train(pass: 0, phase: .baseline)
        try record(.end(RunEnd(status: .completed, seconds: Date().timeIntervalSince(started))))
        return trainer.network
    }
}
