import SlimAnalysis
import SlimCharts
import SlimCLI
import SlimReport

/// `slim-report chart KIND RUN.log [more.log …] -o chart.png|svg|pdf`: one chart.
enum ChartCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report chart",
        abstract: "Draw one chart of one or more runs as PNG, SVG or PDF (for a review or a slide).",
        arguments: "KIND RUN.log [MORE.log …] | --list",
        options: [
            OptionSpec("list", help: "List the chart kinds with one line each."),
            OptionSpec("output", short: "o", value: "FILE", help: "Where to write the chart (.png, .svg or .pdf)."),
            OptionSpec("width", value: "POINTS", help: "Width in points, \(ChartOptions.widths.text) (default: suits the kind)."),
            OptionSpec("height", value: "POINTS", help: "Height in points, \(ChartOptions.heights.text)."),
            ReportLogs.themeOption,
            OptionSpec("dpi", value: "DPI", help: "PNG resolution, \(ChartOptions.dpis.text) (default 144)."),
            OptionSpec("layer", value: "NAME", help: "BatchNorm layer(s) for the γ evolution and heat map charts.", repeatable: true),
            OptionSpec("label", value: "NAME", help: "Name the runs, once per log in order.", repeatable: true),
            OptionSpec("title", value: "TEXT", help: "Replace the chart's title."),
            OptionSpec("subtitle", value: "TEXT", help: "Replace the chart's subtitle."),
            OptionSpec("no-title", help: "Draw no title or subtitle (for embedding under your own caption)."),
            OptionSpec("font-size", value: "POINTS", help: "Tick label size in points; titles, labels and legend scale with it."),
            OptionSpec("legend", value: "none|top|right|bottom", help: "Where the legend goes (default: a free corner inside the plot)."),
            WrittenFile.quietOption,
        ],
        discussion: "Example: slim-report chart gamma-hist run.log -o gamma.png --width 640 --height 360")

    static func run(_ arguments: ParsedArguments) throws {
        if arguments.flag("list") {
            let width = ChartKind.allCases.map(\.rawValue.count).max() ?? 0
            for kind in ChartKind.allCases {
                print(kind.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + kind.summary)
            }
            return
        }
        try arguments.requirePositionals(2...Int.max, in: spec, what: "a chart KIND and a run log")
        let name = arguments.positionals[0]
        guard let kind = ChartKind(rawValue: name) else {
            let close = Suggestion.phrase(for: name, in: ChartKind.allCases.map(\.rawValue))
            throw UsageError(command: spec, message: "unknown chart kind '\(name)'" + (close.isEmpty ? "; 'slim-report chart --list' lists the kinds" : close))
        }
        guard let path = arguments.string("output") else { throw UsageError(command: spec, message: "give the output file with '-o FILE' (.png, .svg or .pdf)") }
        guard ["png", "svg", "pdf"].contains(path.split(separator: ".").last?.lowercased() ?? "") else {
            throw UsageError(command: spec, message: "cannot tell the format of '\(path)' from its extension; name it .png, .svg or .pdf")
        }
        let theme = try ReportLogs.theme(arguments, in: spec)
        let options = try ChartOptions(arguments, kind: kind, path: path, in: spec)
        let logs = Array(arguments.positionals.dropFirst())
        let labels = arguments.strings("label")
        guard labels.isEmpty || labels.count == logs.count else {
            throw UsageError(command: spec, message: "give '--label' once per log: \(logs.count) logs, \(labels.count) labels")
        }
        let (runs, _) = try ReportLogs.read(logs)
        let layers = arguments.strings("layer")
        try ChartOptions.checkLayers(layers, of: runs, in: spec)
        let names = labels.isEmpty ? runs.map(\.name) : labels
        guard let graphic = kind.graphic(runs: runs, labels: names, layers: layers) else {
            throw UsageError(command: spec, message: "the log has no data for the '\(kind.rawValue)' chart (see 'slim-report summary' for what it holds)")
        }
        var styled = theme
        if let points = try arguments.double("font-size", in: spec) {
            guard points > 0, points <= 72 else { throw UsageError(command: spec, message: "'--font-size' must be between 0 and 72 points, got \(points)") }
            let k = points / theme.tickSize
            styled.tickSize *= k; styled.titleSize *= k; styled.labelSize *= k; styled.legendSize *= k; styled.captionSize *= k
        }
        let renderer = ChartRenderer(theme: styled)
        try renderer.write(renderer.scene(try titled(graphic, arguments), size: options.size), to: path, dpi: options.dpi)
        WrittenFile.announce(path, arguments)
    }

    /// The graphic with `--title`, `--subtitle`, `--no-title` and `--legend` applied.
    static func titled(_ graphic: any Graphic, _ arguments: ParsedArguments) throws -> any Graphic {
        let legends: [String: LegendPosition] = ["none": .hidden, "top": .top, "right": .right, "bottom": .bottom]
        let legend = try arguments.string("legend").map { name in
            guard let l = legends[name] else { throw UsageError(command: spec, message: "'--legend' takes none, top, right or bottom, got '\(name)'") }
            return l
        }
        let noTitle = arguments.flag("no-title")
        if noTitle, arguments.string("title") != nil || arguments.string("subtitle") != nil {
            throw UsageError(command: spec, message: "'--no-title' and '--title'/'--subtitle' contradict each other; give one")
        }
        if var chart = graphic as? Chart {
            if noTitle { chart.title = nil; chart.subtitle = nil }
            if let t = arguments.string("title") { chart.title = t }
            if let s = arguments.string("subtitle") { chart.subtitle = s }
            if let legend { chart.legend = legend }
            return chart
        }
        if var figure = graphic as? Figure {
            if noTitle { figure.title = nil }
            if let t = arguments.string("title") { figure.title = t }
            if arguments.string("subtitle") != nil { throw UsageError(command: spec, message: "a multi-panel figure has no subtitle; use '--title'") }
            if legend == .hidden {
                // A figure's own .hidden leaves the legends to its panels: hide theirs too.
                figure.legend = .hidden
                for i in figure.panels.indices { figure.panels[i].legend = .hidden }
            }
            return figure
        }
        return graphic
    }
}
