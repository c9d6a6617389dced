import SlimAnalysis
import SlimCharts

/// The single charts `slim-report chart KIND` draws.
public enum ChartKind: String, CaseIterable, Sendable {
    case widths, keptHeatmap = "kept-heatmap", gammaHist = "gamma-hist", gammaHistLog = "gamma-hist-log"
    case gammaLayers = "gamma-layers", gammaEvolution = "gamma-evolution", gammaHeatmap = "gamma-heatmap"
    case gammaOverlay = "gamma-overlay"
    case accuracy, pruneAccuracy = "prune-accuracy", loss, costs, latency, tradeoff, tradeoffParams = "tradeoff-params", whatif

    /// One line for `chart --list`.
    public var summary: String {
        switch self {
        case .widths: "channels per BatchNorm layer, original and after every pass"
        case .keptHeatmap: "kept share of each layer's channels, layers × passes"
        case .gammaHist: "pooled |γ| histogram with the global threshold and margin counts"
        case .gammaHistLog: "the same histogram on log axes"
        case .gammaOverlay: "pooled |γ| of every log given as step outlines on one log axis, each run's threshold"
        case .gammaLayers: "|γ| histogram per layer, small multiples (first 16 layers, or --layer NAME …)"
        case .gammaEvolution: "|γ| quantile bands per layer over training (first 16 layers, or --layer NAME …)"
        case .gammaHeatmap: "|γ| of every channel of one layer over training (--layer NAME)"
        case .accuracy: "train/test accuracy over all phases and passes, prunes marked; several logs: test accuracy per run, drop at each prune"
        case .pruneAccuracy: "test accuracy trained → pruned → fine-tuned at the first prune, one line per log given"
        case .loss: "train/test loss over all phases and passes, prunes marked"
        case .costs: "parameters and FLOPs per layer, original vs final"
        case .latency: "share of FLOPs saved vs share of measured latency saved"
        case .tradeoff: "test accuracy vs FLOPs for every pass of every log given"
        case .tradeoffParams: "test accuracy vs parameters for every pass of every log given"
        case .whatif: "parameters and FLOPs left vs prune ratio, with the collapse point"
        }
    }

    /// The chart for `runs` (most kinds use the first), or nil when the logs lack the data.
    public func graphic(runs: [RunAnalysis], labels: [String], layers: [String] = []) -> (any Graphic)? {
        let compared = ComparedRuns(runs, labels: labels)
        let data = compared.data
        guard let first = data.first else { return nil }
        switch self {
        case .widths: return data.count > 1 ? ComparisonCharts.finalWidths(compared) : PruningCharts.widths(first)
        case .keptHeatmap: return PruningCharts.keptHeatmap(first)
        case .gammaHist: return GammaCharts.histogram(first, log: false)
        case .gammaHistLog: return GammaCharts.histogram(first, log: true)
        case .gammaOverlay: return ComparisonCharts.gammaOverlay(compared)
        case .gammaLayers: return GammaCharts.layerMultiples(first, layers: layers)
        case .gammaEvolution: return GammaCharts.evolution(first, layers: layers)
        case .gammaHeatmap: return GammaCharts.heatmap(first, layer: layers.first)
        case .accuracy: return data.count > 1 ? ComparisonCharts.testAccuracy(compared) : TrainingCharts.accuracy(first)
        case .pruneAccuracy: return ComparisonCharts.accuracyAroundPrune(compared)
        case .loss: return TrainingCharts.loss(first)
        case .costs: return CostCharts.costs(first)
        case .latency: return CostCharts.latency(first)
        case .tradeoff: return ComparisonCharts.tradeoff(compared, params: false)
        case .tradeoffParams: return ComparisonCharts.tradeoff(compared, params: true)
        case .whatif: return CostCharts.whatIf(first)
        }
    }

    /// A size that suits the kind when the user gives none.
    public var defaultSize: Size {
        switch self {
        case .gammaLayers, .gammaEvolution, .costs: Size(width: 760, height: 520)
        case .keptHeatmap: Size(width: 480, height: 420)
        default: Size(width: 560, height: 340)
        }
    }
}
