/// A continuous colour map from 0...1 to colours, by linear interpolation between stops.
public struct ColorMap: Sendable {
    public var stops: [Color]
    /// The colour for values outside the data (NaN).
    public var missing: Color

    public init(stops: [Color], missing: Color = Color(hex: 0xBBBBBB)) {
        precondition(stops.count >= 2, "a colour map needs at least two stops")
        self.stops = stops; self.missing = missing
    }

    /// The colour at `t` (clamped to 0...1); NaN gives `missing`.
    public func color(at t: Double) -> Color {
        guard t.isFinite else { return missing }
        let x = min(1, max(0, t)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(x))
        return stops[i].mixed(with: stops[i + 1], x - Double(i))
    }

    /// Perceptually uniform sequential map (matplotlib's viridis, sampled at 17 stops).
    public static let viridis = ColorMap(stops: [
        0x440154, 0x481668, 0x482878, 0x443983, 0x3E4A89, 0x375A8C, 0x31688E, 0x2B758E, 0x26828E,
        0x21918C, 0x1FA088, 0x28AE80, 0x3FBC73, 0x5EC962, 0x84D44B, 0xADDC30, 0xFDE725,
    ].map { Color(hex: $0) })

    /// Diverging blue–white–red map (ColorBrewer RdBu, reversed so high values are red).
    public static let blueRed = ColorMap(stops: [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ].map { Color(hex: $0) })

    /// Light-to-dark greys, for print.
    public static let greys = ColorMap(stops: [Color(hex: 0xF7F7F7), Color(hex: 0x252525)])
}

/// Colours for categories, used in order and repeated when exhausted.
public struct Palette: Sendable {
    public var colors: [Color]
    public init(_ colors: [Color]) {
        precondition(!colors.isEmpty, "a palette needs at least one colour")
        self.colors = colors
    }

    public subscript(index: Int) -> Color { colors[((index % colors.count) + colors.count) % colors.count] }

    /// Okabe–Ito, safe for the common colour-vision deficiencies; ordered for contrast on white.
    public static let okabeIto = Palette([0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000]
        .map { Color(hex: $0) })

    /// Okabe–Ito reordered for dark backgrounds (black last is replaced by white).
    public static let okabeItoOnDark = Palette([0x56B4E9, 0xE69F00, 0x009E73, 0xF0E442, 0xCC79A7, 0xD55E00, 0x0072B2, 0xFFFFFF]
        .map { Color(hex: $0) })

    /// Greys and black, distinguishable in print without colour.
    public static let print = Palette([0x000000, 0x777777, 0xB0B0B0, 0x404040].map { Color(hex: $0) })
}
