import Foundation

/// A fitted axis: which ticks to label, how (rotated, thinned, abbreviated) and how much room
/// it needs beside the plot. Fitting measures every label with Pango so none overlap.
struct AxisGuide {
    enum Side { case bottom, left }

    let side: Side
    let scale: Scale
    let axis: Axis
    let theme: Theme
    let showsLabels: Bool
    var ticks = Ticks(major: [])
    var labels: [String] = []
    var rotation: Double = 0
    /// Room needed from the plot edge outwards, in points.
    var thickness: Double = 0
    /// Extent of the label block alone (before the title).
    var labelDepth: Double = 0

    var labelFont: Font { theme.font(theme.tickSize) }
    var titleFont: Font { theme.font(theme.labelSize) }
    static let labelPad = 3.0

    init(side: Side, scale: Scale, axis: Axis, theme: Theme, showsLabels: Bool) {
        self.side = side; self.scale = scale; self.axis = axis; self.theme = theme; self.showsLabels = showsLabels
    }

    /// Chooses ticks and label treatment for an axis `length` points long; labels may take at
    /// most `maxDepth` points away from the plot.
    mutating func fit(length: Double, maxDepth: Double, measurer: TextMeasurer) {
        let m = measurer
        if scale.isBand { fitBand(length: length, maxDepth: maxDepth, measurer: m) } else { fitNumeric(length: length, measurer: m) }
        guard showsLabels else { thickness = theme.tickLength; labelDepth = 0; return }
        let frames = labels.map { rotatedSize(m.measure($0, font: labelFont)) }
        labelDepth = side == .bottom ? (frames.map(\.height).max() ?? 0) : (frames.map(\.width).max() ?? 0)
        thickness = theme.tickLength + Self.labelPad + labelDepth
        if let title = axis.title, !title.isEmpty {
            thickness += 5 + m.measure(title, font: titleFont).height
        }
    }

    private func rotatedSize(_ e: TextExtent) -> Size {
        guard rotation != 0 else { return Size(width: e.width, height: e.height) }
        let a = rotation * .pi / 180
        return Size(width: abs(e.width * cos(a)) + abs(e.height * sin(a)), height: abs(e.width * sin(a)) + abs(e.height * cos(a)))
    }

    private mutating func fitNumeric(length: Double, measurer: TextMeasurer) {
        let h = measurer.measure("0", font: labelFont).height
        let start = side == .bottom ? max(4, Int(length / 50) + 1) : max(4, Int(length / (h * 2.4)) + 1)
        for count in stride(from: min(start, 12), through: 2, by: -1) {
            var t = TickLocator.ticks(for: scale, maxCount: count, wholeNumbers: axis.wholeNumbers)
            var l = axis.format.labels(for: t, scale: scale)
            // The "0" of a zero slot stays; decades that crowd it lose their label instead.
            while scale.zeroSlot != nil, t.major.count > 2, !fits(Array(t.major.prefix(2)), Array(l.prefix(2)), length: length, measurer: measurer) {
                t.minor.append(t.major.remove(at: 1)); l.remove(at: 1)
            }
            ticks = t; labels = l
            if fits(t.major, l, length: length, measurer: measurer) { return }
        }
        // Two ticks still crowd: keep only the ends.
        if ticks.major.count > 2 {
            ticks.major = [ticks.major.first!, ticks.major.last!]
            labels = [labels.first!, labels.last!]
        }
    }

    /// Whether adjacent labels keep a gap between them along the axis.
    private func fits(_ values: [Double], _ labels: [String], length: Double, measurer: TextMeasurer) -> Bool {
        let gap = side == .bottom ? 8.0 : 3.0
        var previousEnd = -Double.infinity
        for (v, l) in zip(values, labels) {
            let e = measurer.measure(l, font: labelFont)
            let center = scale.fraction(v) * length
            let half = (side == .bottom ? e.width : e.height) / 2
            if center - half < previousEnd + gap { return false }
            previousEnd = center + half
        }
        return true
    }

    private mutating func fitBand(length: Double, maxDepth: Double, measurer: TextMeasurer) {
        guard case .band(let categories, _) = scale, !categories.isEmpty else { ticks = Ticks(major: []); labels = []; return }
        let spacing = length / Double(categories.count)
        let h = measurer.measure("Ag", font: labelFont).height
        let widths = categories.map { measurer.measure($0, font: labelFont).width }
        var every = 1
        var maxWidth = maxDepth
        if side == .bottom {
            if (widths.max() ?? 0) + 6 <= spacing {
                // Side by side they fit: the depth budget (made for rotated names) does not apply.
                rotation = 0
                maxWidth = spacing - 6
            } else {
                rotation = 45
                every = max(1, Int(((h * 1.42 + 2) / spacing).rounded(.up)))
                maxWidth = max(h * 2, maxDepth / 0.7071 - h)
            }
        } else {
            every = max(1, Int(((h + 1) / spacing).rounded(.up)))
        }
        let shown = stride(from: 0, to: categories.count, by: every).map { $0 }
        ticks = Ticks(major: shown.map(Double.init), step: 1)
        labels = Abbreviation.fit(shown.map { categories[$0] }, width: maxWidth, font: labelFont, measurer: measurer)
    }

    // MARK: drawing

    func draw(plot: Rect, measurer: TextMeasurer, into commands: inout [DrawCommand]) {
        let tick = PathStyle(stroke: theme.axisLine, lineWidth: theme.axisLineWidth, roundJoins: false)
        var marks: [Path.Element] = []
        for v in ticks.major + ticks.minor {
            let minor = !ticks.major.contains(v)
            let len = minor ? theme.tickLength * 0.55 : theme.tickLength
            guard scale.covers(v) else { continue }
            switch side {
            case .bottom:
                let x = plot.minX + scale.fraction(v) * plot.width
                marks += [.move(Point(x, plot.maxY)), .line(Point(x, plot.maxY + len))]
            case .left:
                let y = position(v, plot)
                marks += [.move(Point(plot.minX, y)), .line(Point(plot.minX - len, y))]
            }
        }
        commands.append(.path(Path(marks), tick))
        guard showsLabels else { return }
        let muted = theme.mutedText
        for (v, label) in zip(ticks.major, labels) where scale.covers(v) {
            switch side {
            case .bottom:
                let x = plot.minX + scale.fraction(v) * plot.width
                let y = plot.maxY + theme.tickLength + Self.labelPad
                if rotation == 0 {
                    commands.append(.text(measurer.text(label, font: labelFont, color: muted, at: Point(x, y),
                                                        horizontal: .middle, vertical: .top)))
                } else {
                    var item = measurer.text(label, font: labelFont, color: muted, at: Point(x, y),
                                             horizontal: .end, vertical: .middle, rotation: rotation)
                    item.anchor.y += y - item.frame.minY
                    item.anchor.x += x + item.extent.height * 0.35 - item.frame.maxX
                    commands.append(.text(item))
                }
            case .left:
                commands.append(.text(measurer.text(label, font: labelFont, color: muted,
                                                    at: Point(plot.minX - theme.tickLength - Self.labelPad, position(v, plot)),
                                                    horizontal: .end, vertical: .middle)))
            }
        }
        guard let title = axis.title, !title.isEmpty else { return }
        let depth = theme.tickLength + Self.labelPad + labelDepth + 5
        switch side {
        case .bottom:
            commands.append(.text(measurer.text(title, font: titleFont, color: theme.text,
                                                at: Point(plot.midX, plot.maxY + depth), horizontal: .middle, vertical: .top)))
        case .left:
            commands.append(.text(measurer.text(title, font: titleFont, color: theme.text,
                                                at: Point(plot.minX - depth, plot.midY), horizontal: .middle,
                                                vertical: .bottom, rotation: 90)))
        }
    }

    func position(_ v: Double, _ plot: Rect) -> Double {
        switch side {
        case .bottom: return plot.minX + scale.fraction(v) * plot.width
        case .left: return scale.isBand ? plot.minY + scale.fraction(v) * plot.height : plot.maxY - scale.fraction(v) * plot.height
        }
    }

    /// Grid lines at the major ticks of a continuous axis.
    func grid(plot: Rect) -> DrawCommand? {
        guard axis.grid, !scale.isBand, !ticks.major.isEmpty else { return nil }
        var elements: [Path.Element] = []
        for v in ticks.major where scale.covers(v) {
            let p = position(v, plot)
            elements += side == .bottom ? [.move(Point(p, plot.minY)), .line(Point(p, plot.maxY))]
                                        : [.move(Point(plot.minX, p)), .line(Point(plot.maxX, p))]
        }
        return .path(Path(elements), PathStyle(stroke: theme.grid, lineWidth: theme.gridLineWidth, dash: theme.gridDash, roundJoins: false))
    }
}

/// Shortens labels to a width: first drops the prefix and suffix all labels share (at a
/// separator, so `backbone.stage2.block7.conv2.bn` becomes `…stage2.block7…`), then shortens
/// every path component but the last to its initial and number (`layer1.0.conv1` → `l1.0.conv1`,
/// keeping stage, block index and layer) when that keeps names apart, then cuts the
/// middle of any still too long, which keeps the distinguishing ends of names. When a middle
/// cut makes different names look alike (`layer1.0.conv1`, `layer1.1.conv1` → `layer1…conv1`)
/// the cut moves towards the end or the start until every label is told apart, if it can be.
enum Abbreviation {
    /// Where the cut may sit, as the share of the kept characters before it: the middle first.
    static let headShares = [0.5, 0.65, 0.8, 0.35, 0.2]

    static func fit(_ names: [String], width: Double, font: Font, measurer: TextMeasurer) -> [String] {
        let names = names.map(TextMeasurer.capped)
        let tooWide = { (s: String) in measurer.measure(s, font: font).width > width }
        guard names.contains(where: tooWide) else { return names }
        var shortened = names
        if names.count > 1 {
            let prefix = sharedAffix(names.map { Array($0) }), suffix = sharedAffix(names.map { Array($0.reversed()) })
            shortened = names.map { name in
                let chars = Array(name)
                guard prefix + suffix < chars.count else { return name }
                let middle = String(chars[prefix..<(chars.count - suffix)])
                return (prefix > 0 ? "…" : "") + middle + (suffix > 0 ? "…" : "")
            }
        }
        let distinct = Set(names).count
        if shortened.contains(where: tooWide) {
            let initials = shortened.map(initialed)
            if Set(initials).count == distinct { shortened = initials }
        }
        var first: [String]?
        for share in headShares {
            let labels = shortened.map { fit($0, width: width, font: font, measurer: measurer, headShare: share) }
            if Set(labels).count == distinct { return labels }
            first = first ?? labels
        }
        return first ?? shortened
    }

    /// `name` with each dotted (or slashed) component but the last cut to its first letter
    /// and its digits: `layer1.0.conv1` → `l1.0.conv1`, `features.12` → `f.12`.
    static func initialed(_ name: String) -> String {
        var parts = name.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "/" }.map(String.init)
        let separators = name.filter { $0 == "." || $0 == "/" }.map(String.init)
        guard parts.count > 1 else { return name }
        for i in 0..<(parts.count - 1) {
            let part = parts[i]
            guard let first = part.first, first.isLetter, part.count > 2 else { continue }
            parts[i] = String(first) + part.drop { $0.isLetter }
        }
        return zip(parts, separators + [""]).map { $0 + $1 }.joined()
    }

    /// Length of the longest common prefix that ends just after a separator.
    private static func sharedAffix(_ names: [[Character]]) -> Int {
        guard let first = names.first else { return 0 }
        var length = 0
        while length < first.count, names.allSatisfy({ $0.count > length && $0[length] == first[length] }) { length += 1 }
        let separators: Set<Character> = [".", "_", "/", "-", " ", ":"]
        while length > 0 && !separators.contains(first[length - 1]) { length -= 1 }
        return length
    }

    /// `s` cut to `width` with an ellipsis after `headShare` of the characters kept.
    static func fit(_ s: String, width: Double, font: Font, measurer: TextMeasurer, headShare: Double = 0.5) -> String {
        s.count > 3 ? measurer.truncated(s, width: width, font: font, headShare: headShare) : s
    }
}
