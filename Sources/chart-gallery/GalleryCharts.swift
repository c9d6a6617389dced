import Foundation
import SlimCharts

/// One gallery entry: a name for the files and what to draw.
struct GalleryItem {
    let name: String
    let size: Size
    let graphic: any Graphic
    var theme: Theme = .light
}

/// Every chart type SlimCharts draws, on made-up but plausible data.
enum GalleryCharts {
    static let layers = ["features.1", "features.4", "features.8", "features.11", "features.15", "features.18",
                         "features.21", "features.24", "features.28", "features.31", "features.34", "features.37",
                         "features.41", "features.44", "features.47", "features.50"]
    static let standard = Size(width: 480, height: 300)

    static func all() -> [GalleryItem] {
        [
            GalleryItem(name: "lines", size: standard, graphic: training()),
            GalleryItem(name: "bars-grouped", size: Size(width: 560, height: 300), graphic: widths()),
            GalleryItem(name: "bars-stacked-horizontal", size: Size(width: 480, height: 360), graphic: stackedCosts()),
            GalleryItem(name: "histogram", size: standard, graphic: gammaHistogram(log: false)),
            GalleryItem(name: "histogram-log", size: standard, graphic: gammaHistogram(log: true)),
            GalleryItem(name: "heatmap-labelled", size: Size(width: 420, height: 380), graphic: keptRatio()),
            GalleryItem(name: "heatmap-numeric", size: Size(width: 520, height: 300), graphic: channelsOverEpochs()),
            GalleryItem(name: "bands", size: standard, graphic: quantileBands()),
            GalleryItem(name: "scatter", size: standard, graphic: tradeoff()),
            GalleryItem(name: "log-axes", size: standard, graphic: whatIf()),
            GalleryItem(name: "crowded-labels", size: Size(width: 560, height: 340), graphic: crowded()),
            GalleryItem(name: "edge-cases", size: Size(width: 720, height: 420), graphic: edgeCases()),
            GalleryItem(name: "small-multiples", size: Size(width: 720, height: 520), graphic: smallMultiples()),
            GalleryItem(name: "shared-legend", size: Size(width: 640, height: 440), graphic: sharedLegend()),
            GalleryItem(name: "dark", size: standard, graphic: training(), theme: .dark),
            GalleryItem(name: "print", size: standard, graphic: training(), theme: .print),
        ]
    }

    static func training() -> Chart {
        var rng = SampleData(seed: 1)
        let epochs = (1...60).map(Double.init)
        let train = rng.accuracyCurve(epochs: 60, start: 0.55, ceiling: 0.985, rate: 0.09)
        let test = rng.accuracyCurve(epochs: 60, start: 0.6, ceiling: 0.962, rate: 0.08)
        return Chart(title: "Accuracy over training", subtitle: "sparsity (λ = 1e-4), then two prune + fine-tune passes",
                     x: Axis("epoch"), y: Axis("accuracy", format: .percent()),
                     marks: [LineMark(x: epochs, y: train, label: "train"),
                             LineMark(x: epochs, y: test, label: "test", showsPoints: true),
                             RuleMark.vertical(at: 30, label: "prune 1"), RuleMark.vertical(at: 45, label: "prune 2")])
    }

    static func widths() -> Chart {
        let original = layers.enumerated().map { Double([64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512][$0.offset]) }
        let pass1 = original.enumerated().map { ($0.element * (0.85 - 0.045 * Double($0.offset))).rounded() }
        let pass2 = pass1.enumerated().map { max(1, ($0.element * (0.9 - 0.03 * Double($0.offset))).rounded()) }
        return Chart(title: "Channels per layer", x: Axis("layer"), y: Axis("channels"),
                     marks: [BarMark(categories: layers, series: [.init("original", values: original),
                                                                  .init("pass 1", values: pass1), .init("pass 2", values: pass2)])])
    }

    static func stackedCosts() -> Chart {
        let kept = layers.indices.map { 2.0e6 * Double($0 % 5 + 1) * (1 - Double($0) / 20) }
        let removed = layers.indices.map { 1.5e6 * Double($0 % 3 + 1) * Double($0 + 2) / 12 }
        return Chart(title: "FLOPs per layer", subtitle: "2 × MACs", x: Axis("FLOPs"), y: Axis(grid: false),
                     marks: [BarMark(categories: layers, series: [.init("kept", values: kept), .init("removed", values: removed)],
                                     arrangement: .stacked, orientation: .horizontal)])
    }

    static func gammas() -> [Double] {
        var rng = SampleData(seed: 7)
        return (0..<4000).map { i in i % 3 == 0 ? abs(rng.normal(mean: 0.0005, sd: 0.0004)) : abs(rng.normal(mean: 0.3, sd: 0.12)) }
            + [.nan, .infinity]
    }

    static func gammaHistogram(log: Bool) -> Chart {
        let threshold = 0.0123
        return Chart(title: log ? "|γ| distribution (log)" : "|γ| distribution",
                     x: Axis("|γ|", scale: log ? .log : nil), y: Axis("channels", scale: log ? .log : nil),
                     marks: [HistogramMark(values: gammas(), bins: log ? .log(count: 40) : .linear(count: 50), label: "all layers"),
                             RuleMark.vertical(at: threshold, label: "threshold 0.0123")],
                     caption: "1,333 channels below the threshold; 2,667 above.")
    }

    static func keptRatio() -> Chart {
        let passes = ["pass 1", "pass 2", "pass 3"]
        let values = layers.indices.map { i in passes.indices.map { p in max(0.02, 1 - Double(i) * 0.05 - Double(p) * 0.12) } }
        return Chart(title: "Kept ratio", x: Axis(grid: false), y: Axis(grid: false),
                     marks: [HeatMapMark(values: values, rowLabels: layers, columnLabels: passes, range: 0...1,
                                         colorTitle: "kept", colorFormat: .percent(), cellLabels: .percent())])
    }

    static func channelsOverEpochs() -> Chart {
        var rng = SampleData(seed: 3)
        let decay = (0..<64).map { _ in rng.uniform() }
        let values = (0..<64).map { c in (0..<160).map { e in exp(-decay[c] * Double(e) / 30) * (0.5 + decay[c] * 0.3) } }
        return Chart(title: "|γ| per channel over training", subtitle: "features.15",
                     x: Axis("epoch", grid: false), y: Axis("channel", grid: false),
                     marks: [HeatMapMark(values: values, columnStart: 1, colorTitle: "|γ|")])
    }

    static func quantileBands(decay: Double = 25, title: String = "|γ| quantiles over training") -> Chart {
        let x = (1...80).map(Double.init)
        func q(_ level: Double) -> [Double] { x.map { 0.5 * exp(-$0 / decay) * level + 0.02 * level } }
        return Chart(title: title, x: Axis("epoch"), y: Axis("|γ|"),
                     marks: [QuantileBandMark(x: x, bands: [.init(lower: q(0.2), upper: q(1.8), label: "5–95%"),
                                                            .init(lower: q(0.6), upper: q(1.3), label: "25–75%")],
                                              center: q(1), centerLabel: "median")])
    }

    /// Small multiples of the same series: one legend for the figure.
    static func sharedLegend() -> Figure {
        Figure(title: "|γ| over training, per layer",
               panels: [12.0, 20, 30, 45].enumerated().map { quantileBands(decay: $0.element, title: "features.\($0.offset * 3 + 1)") },
               columns: 2, sharesX: true)
    }

    /// Passes of several runs close together: labels of all series are placed together.
    static func tradeoff() -> Chart {
        let runs: [(String, [Double], [Double])] = [
            ("λ=1e-5", [7.97e8, 5.1e8, 3.6e8], [0.938, 0.939, 0.935]),
            ("λ=1e-4", [7.97e8, 4.9e8, 3.5e8], [0.937, 0.938, 0.936]),
            ("λ=1e-3", [7.97e8, 4.6e8, 3.3e8], [0.936, 0.931, 0.915]),
        ]
        return Chart(title: "Accuracy vs FLOPs", subtitle: "unlabelled = before pruning, pN = after pass N",
                     x: Axis("FLOPs", scale: .log), y: Axis("test accuracy", format: .percent(decimals: 1)),
                     marks: runs.map { ScatterMark(x: $0.1, y: $0.2, pointLabels: ["", "p1", "p2"], label: $0.0) })
    }

    static func whatIf() -> Chart {
        let ratios = stride(from: 0.0, through: 0.95, by: 0.01).map { $0 }
        let params = ratios.map { 2.0e7 * pow(1 - $0, 2.6) + 20 }
        return Chart(title: "What if: parameters left vs prune ratio", subtitle: "log axis over 6 decades",
                     x: Axis("prune ratio", format: .percent()), y: Axis("parameters", scale: .log),
                     marks: [LineMark(x: ratios, y: params, label: "parameters"),
                             RuleMark.vertical(at: 0.83, label: "collapse at 83%")], legend: .hidden)
    }

    /// 48 long category names: rotated, thinned and shortened; the legend has no free corner.
    static func crowded() -> Chart {
        let names = (0..<48).map { "backbone.stage\($0 / 12).block\($0 % 12).conv2.bn" }
        let before = names.indices.map { Double(64 << ($0 / 12)) }
        let after = before.enumerated().map { $0.element * (0.25 + 0.7 * Double(($0.offset * 37) % 11) / 10) }
        return Chart(title: "Widths of 48 layers", x: Axis("layer"), y: Axis("channels"),
                     marks: [BarMark(categories: names, series: [.init("before", values: before), .init("after", values: after)])],
                     caption: "Labels are rotated, thinned to every second one and shortened to the part that differs.")
    }

    /// Empty, single-point, all-equal and non-finite data, and a legend with no free corner.
    static func edgeCases() -> Figure {
        let x = (0..<50).map(Double.init)
        return Figure(title: "Edge cases", panels: [
            Chart(title: "empty", x: Axis("x"), y: Axis("y"), marks: [LineMark(x: [], y: [])]),
            Chart(title: "one point", x: Axis("x"), y: Axis("y"), marks: [LineMark(x: [3], y: [0.5], showsPoints: true)]),
            Chart(title: "all equal", x: Axis("x"), y: Axis("y"), marks: [LineMark(x: x, y: x.map { _ in 7 })]),
            Chart(title: "NaN, Inf and ≤ 0 on log", x: Axis("x"), y: Axis("y", scale: .log),
                  marks: [LineMark(x: x, y: x.map { $0.truncatingRemainder(dividingBy: 7) == 3 ? .nan : ($0 == 20 ? 0 : $0 * $0) })]),
            Chart(title: "legend has no free corner", x: Axis("x"), y: Axis("y"),
                  marks: [LineMark(x: x, y: x, label: "rising"), LineMark(x: x, y: x.map { 49 - $0 }, label: "falling"),
                          LineMark(x: x, y: x.map { 25 + 24 * sin($0 / 3) }, label: "wave")]),
            Chart(title: "negative values", x: Axis("x"), y: Axis("y"),
                  marks: [BarMark(categories: ["a", "b", "c", "d"], values: [-3, 5, -1.5, 2], valueLabels: .automatic)]),
        ], columns: 3)
    }

    static func smallMultiples() -> Figure {
        var rng = SampleData(seed: 11)
        let panels = layers.prefix(12).enumerated().map { i, name in
            let values = (0..<300).map { _ in abs(rng.normal(mean: 0.05 + 0.02 * Double(i % 4), sd: 0.04)) }
            return Chart(title: name, x: Axis("|γ|"), y: Axis("channels"),
                         marks: [HistogramMark(values: values, bins: .linear(count: 20)), RuleMark.vertical(at: 0.04)])
        }
        return Figure(title: "|γ| per layer", panels: panels, columns: 4, sharesX: true, sharesY: false,
                      caption: "Dashed line: the global threshold.")
    }
}
