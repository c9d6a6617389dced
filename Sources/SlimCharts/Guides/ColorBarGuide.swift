/// A vertical colour bar with ticks, beside the plot of a heat map.
struct ColorBarGuide {
    let scale: ColorScale
    let theme: Theme
    static let gap = 12.0
    static let barWidth = 11.0

    var font: Font { theme.font(theme.tickSize) }

    func ticks(height: Double, measurer: TextMeasurer) -> (Ticks, [String]) {
        let h = measurer.measure("0", font: font).height
        let linear = Scale.linear(lower: scale.lower, upper: scale.upper)
        let t = TickLocator.linear(scale.lower, scale.upper, maxCount: max(2, min(8, Int(height / (h * 2.2)))))
        return (t, scale.format.labels(for: t, scale: linear))
    }

    /// Room needed to the right of the plot.
    func width(height: Double, measurer: TextMeasurer) -> Double {
        let labels = ticks(height: height, measurer: measurer).1
        var w = Self.gap + Self.barWidth + theme.tickLength + 3 + (labels.map { measurer.measure($0, font: font).width }.max() ?? 0)
        if let title = scale.title { w += 6 + measurer.measure(title, font: theme.font(theme.labelSize)).height }
        return w
    }

    /// Height of the "0" swatch under the bar of a scale with a zero bucket, and the gap above it.
    var zeroSwatch: Double { scale.zeroBucket ? Self.barWidth + 4 : 0 }

    func draw(plot: Rect, measurer: TextMeasurer, into commands: inout [DrawCommand]) {
        let bar = Rect(x: plot.maxX + Self.gap, y: plot.minY, width: Self.barWidth, height: plot.height - zeroSwatch)
        if scale.zeroBucket {
            let swatch = Rect(x: bar.minX, y: plot.maxY - Self.barWidth, width: Self.barWidth, height: Self.barWidth)
            commands.append(.path(.rect(swatch), PathStyle(fill: ColorScale.zeroColor, stroke: theme.axisLine, lineWidth: 0.5, roundJoins: false)))
            commands.append(.text(measurer.text("0", font: font, color: theme.mutedText, at: Point(swatch.maxX + theme.tickLength + 3, swatch.midY),
                                                vertical: .middle)))
        }
        let steps = 256
        let pixels = (0..<steps).map { (scale.map ?? theme.sequential).color(at: 1 - Double($0) / Double(steps - 1)) }
        commands.append(.image(RasterImage(width: 1, height: steps, pixels: pixels), bar))
        commands.append(.path(.rect(bar), PathStyle(stroke: theme.axisLine, lineWidth: 0.5, roundJoins: false)))
        let (ticks, labels) = self.ticks(height: bar.height, measurer: measurer)
        var marks: [Path.Element] = []
        var widest = 0.0
        for (v, label) in zip(ticks.major, labels) {
            let f = scale.upper == scale.lower ? 0.5 : (v - scale.lower) / (scale.upper - scale.lower)
            let y = bar.maxY - f * bar.height
            marks += [.move(Point(bar.maxX, y)), .line(Point(bar.maxX + theme.tickLength, y))]
            let item = measurer.text(label, font: font, color: theme.mutedText, at: Point(bar.maxX + theme.tickLength + 3, y),
                                     vertical: .middle)
            widest = max(widest, item.extent.width)
            commands.append(.text(item))
        }
        commands.append(.path(Path(marks), PathStyle(stroke: theme.axisLine, lineWidth: theme.axisLineWidth, roundJoins: false)))
        if let title = scale.title {
            commands.append(.text(measurer.text(title, font: theme.font(theme.labelSize), color: theme.text,
                                                at: Point(bar.maxX + theme.tickLength + 3 + widest + 6, bar.midY),
                                                horizontal: .middle, vertical: .top, rotation: 90)))
        }
    }
}

extension TextMeasurer {
    /// `text` broken into lines no wider than `width` (greedy, at spaces; newlines kept).
    public func wrap(_ text: String, width: Double, font: Font) -> [String] {
        TextWrap.lines(text, width: width, font: font, measurer: self)
    }
}

/// Greedy word wrapping with measured widths, for captions and notes.
enum TextWrap {
    static func lines(_ text: String, width: Double, font: Font, measurer: TextMeasurer) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if !line.isEmpty && measurer.measure(candidate, font: font).width > width {
                    lines.append(line); line = String(word)
                } else { line = candidate }
            }
            lines.append(line)
        }
        return lines
    }
}
