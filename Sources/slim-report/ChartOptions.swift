import SlimAnalysis
import SlimCharts
import SlimCLI
import SlimLog
import SlimReport

/// The size and resolution options of `chart`, checked before anything is read or drawn.
struct ChartOptions {
    /// An allowed range of a numeric option, with its text for help and messages.
    struct Range {
        var lower: Double, upper: Double
        var text: String { "\(Int(lower))…\(Int(upper))" }
    }

    /// Below these the axes, tick labels and title no longer fit and Cairo would crop the chart.
    static let widths = Range(lower: 240, upper: 4000)
    static let heights = Range(lower: 160, upper: 4000)
    static let dpis = Range(lower: 1, upper: 1200)
    /// Cairo's largest image side is 32767 pixels; stay well below.
    static let maxPixels = 20000.0

    var size: Size
    var dpi: Double

    init(_ arguments: ParsedArguments, kind: ChartKind, path: String, in spec: CommandSpec) throws(UsageError) {
        func value(_ name: String, _ range: Range, default fallback: Double) throws(UsageError) -> Double {
            guard let v = try arguments.double(name, in: spec) else { return fallback }
            guard v >= range.lower, v <= range.upper else {
                throw UsageError(command: spec, message: "option '--\(name)' must be in \(range.text), got \(arguments.string(name) ?? "")")
            }
            return v
        }
        size = Size(width: try value("width", Self.widths, default: kind.defaultSize.width),
                    height: try value("height", Self.heights, default: kind.defaultSize.height))
        dpi = try value("dpi", Self.dpis, default: 144)
        let pixels = max(size.width, size.height) * dpi / 72
        if path.lowercased().hasSuffix(".png"), pixels > Self.maxPixels {
            throw UsageError(command: spec, message: "option '--dpi \(arguments.string("dpi") ?? "144")' makes a PNG side of \(Int(pixels)) pixels (at most \(Int(Self.maxPixels))); lower --dpi or the size")
        }
    }

    /// Refuses `--layer` names that are not BatchNorm layers of the runs: a conv or linear layer
    /// lists the BN layers, an unknown name gets the nearest BN names.
    static func checkLayers(_ layers: [String], of runs: [RunAnalysis], in spec: CommandSpec) throws(UsageError) {
        guard !layers.isEmpty else { return }
        var batchNorms: [String] = [], others: Set<String> = []
        for run in runs {
            for layer in run.architectures.first?.layers ?? [] {
                if layer.op == .batchnorm2d { if !batchNorms.contains(layer.name) { batchNorms.append(layer.name) } } else { others.insert(layer.name) }
            }
        }
        for name in layers where !batchNorms.contains(name) {
            let listed = batchNorms.count <= 12 ? batchNorms.joined(separator: ", ")
                : batchNorms.prefix(10).joined(separator: ", ") + " … (\(batchNorms.count) in all)"
            if others.contains(name) {
                throw UsageError(command: spec, message: "option '--layer \(name)': not a BatchNorm layer (γ belong to BN layers); the BN layers are \(listed)")
            }
            let close = Suggestion.phrase(for: name, in: batchNorms)
            throw UsageError(command: spec, message: "option '--layer \(name)': no such layer in the log" + (close.isEmpty ? "; the BN layers are \(listed)" : close))
        }
    }
}
