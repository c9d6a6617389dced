import SlimCLI
import SlimEngine

/// `--model`, `--cfg` and `--dataset` as `train` and `plan` read them: unknown names get the
/// nearest known ones, and a cfg must fit the dataset's images.
enum ModelChoice {
    static var modelNames: [String] { VGGConfig.presetNames + TrainingRunOptions.graphModelNames }

    /// Sets `model`, `cfg` and `dataset` of `t` from the arguments and returns the dataset's entry.
    @discardableResult
    static func apply(_ a: ParsedArguments, to t: inout TrainingRunOptions, in spec: CommandSpec) throws -> DatasetCatalog.Entry {
        try choose(model: a.string("model"), cfg: a.string("cfg"), dataset: a.string("dataset"), into: &t, in: spec)
    }

    /// Sets `model`, `cfg` and `dataset` of `t` (defaults: mnist-vgg, or "custom" with a cfg;
    /// mnist-5k) and returns the dataset's entry.
    @discardableResult
    static func choose(model: String?, cfg: String?, dataset: String?, into t: inout TrainingRunOptions,
                       in spec: CommandSpec) throws -> DatasetCatalog.Entry {
        t.model = model ?? (cfg != nil ? "custom" : "mnist-vgg")
        if let cfg {
            do { t.cfg = try VGGConfig(parsing: cfg) } catch { throw UsageError(command: spec, message: "option '--cfg': \(error)") }
        } else if VGGConfig.preset(t.model) == nil && !t.isGraphModel {
            let close = Suggestion.phrase(for: t.model, in: modelNames)
            throw UsageError(command: spec, message: "unknown model '\(t.model)'" + (close.isEmpty
                ? "; use one of \(modelNames.joined(separator: ", ")) or give --cfg" : close))
        }
        t.dataset = dataset ?? "mnist-5k"
        guard let entry = DatasetCatalog.entry(t.dataset) else {
            let close = Suggestion.phrase(for: t.dataset, in: DatasetCatalog.names)
            throw UsageError(command: spec, message: "option '--dataset': unknown dataset '\(t.dataset)'" + (close.isEmpty
                ? "; use one of \(DatasetCatalog.names.joined(separator: ", "))" : close))
        }
        try checkFits(t, in: spec)
        return entry
    }

    /// The most convolution weights and the most activations per image a cfg may have: 2³⁰
    /// weights are 4 GiB before gradients and momentum, and 2²² activations per image (16 MiB,
    /// 14× VGG-19's on CIFAR) are 1 GiB per layer stack at batch 64 — far beyond any network this
    /// engine trains on 28×28 and 32×32 images, while a typo such as a width of 99999999 would
    /// otherwise spend minutes filling memory and then abort.
    static let maximumWeights = 1 << 30
    static let maximumActivations = 1 << 22

    /// Refuses a cfg with more 2×2 pools than the dataset's images can take, or beyond
    /// `maximumWeights` or `maximumActivations`, before any work. A ResNet or DenseNet name
    /// must have a depth the family can be built with.
    static func checkFits(_ t: TrainingRunOptions, in spec: CommandSpec) throws {
        if let model = t.graphModel {
            do { try model.validate() } catch { throw UsageError(command: spec, message: error.description) }
            return
        }
        let size = DatasetCatalog.entry(t.dataset)?.input.height ?? 28
        let cfg = try t.resolvedConfig()
        let option = t.cfg != nil ? "--cfg" : "--model"
        var channels = DatasetCatalog.entry(t.dataset)?.input.channels ?? 1, weights = 0, activations = 0, plane = size * size
        for item in cfg.items {
            guard case let .conv(width) = item else { plane /= 4; continue }
            let capped = min(width, maximumWeights)
            weights += channels * 9 * capped
            activations += plane * capped
            guard weights <= maximumWeights, activations <= maximumActivations else {
                let what = weights > maximumWeights ? "\(maximumWeights) convolution weights" : "\(maximumActivations) activations per image"
                throw UsageError(command: spec, message: "option '\(option)': \(cfg) has more than \(what); give narrower widths")
            }
            channels = width
        }
        var side = size, pools = 0
        for item in cfg.items where item == .maxPool {
            guard side >= 2 else {
                throw UsageError(command: spec, message: "option '\(option)': \(cfg) does not fit the \(size)×\(size) images of \(t.dataset): its pools would shrink them below 1×1; use at most \(pools) M")
            }
            side /= 2
            pools += 1
        }
    }
}
