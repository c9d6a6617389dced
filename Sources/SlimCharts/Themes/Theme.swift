/// Every visual choice of a chart, passed in at layout time (never global).
public struct Theme: Sendable {
    public var background: Color
    /// The plot area behind the data.
    public var plotBackground: Color
    public var text: Color
    /// Tick labels and captions: quieter than titles.
    public var mutedText: Color
    public var axisLine: Color
    public var grid: Color
    public var fontFamily: String
    public var titleSize: Double
    public var labelSize: Double
    public var tickSize: Double
    public var legendSize: Double
    public var captionSize: Double
    public var lineWidth: Double
    public var axisLineWidth: Double
    public var gridLineWidth: Double
    public var tickLength: Double
    public var palette: Palette
    public var sequential: ColorMap
    public var diverging: ColorMap
    /// Colour of rules and annotations (thresholds, events).
    public var annotation: Color
    /// Whether top and right frame lines are drawn (off = the "despined" look).
    public var fullFrame: Bool
    /// Dash pattern of grid lines; empty = solid.
    public var gridDash: [Double]
    /// Dash patterns lines cycle through when none is given (print tells series apart without colour).
    public var lineDashes: [[Double]]
    /// Whether series markers take a shape per palette slot (`marker(_:at:radius:)`) instead of all circles.
    public var markerShapes = false

    public init(background: Color, plotBackground: Color, text: Color, mutedText: Color, axisLine: Color, grid: Color,
                fontFamily: String = "DejaVu Sans", titleSize: Double = 11, labelSize: Double = 9.5,
                tickSize: Double = 8.5, legendSize: Double = 8.5, captionSize: Double = 8,
                lineWidth: Double = 1.6, axisLineWidth: Double = 0.8, gridLineWidth: Double = 0.6,
                tickLength: Double = 3.5, palette: Palette, sequential: ColorMap, diverging: ColorMap,
                annotation: Color, fullFrame: Bool = false, gridDash: [Double] = [], lineDashes: [[Double]] = [[]]) {
        self.background = background; self.plotBackground = plotBackground; self.text = text
        self.mutedText = mutedText; self.axisLine = axisLine; self.grid = grid; self.fontFamily = fontFamily
        self.titleSize = titleSize; self.labelSize = labelSize; self.tickSize = tickSize
        self.legendSize = legendSize; self.captionSize = captionSize; self.lineWidth = lineWidth
        self.axisLineWidth = axisLineWidth; self.gridLineWidth = gridLineWidth; self.tickLength = tickLength
        self.palette = palette; self.sequential = sequential; self.diverging = diverging
        self.annotation = annotation; self.fullFrame = fullFrame; self.gridDash = gridDash
        self.lineDashes = lineDashes.isEmpty ? [[]] : lineDashes
    }

    /// White page, light grid, open frame, Okabe–Ito — in the spirit of seaborn's whitegrid.
    public static let light = Theme(
        background: .white, plotBackground: .white, text: Color(hex: 0x222222), mutedText: Color(hex: 0x555555),
        axisLine: Color(hex: 0x444444), grid: Color(hex: 0xE3E3E3), palette: .okabeIto,
        sequential: .viridis, diverging: .blueRed, annotation: Color(hex: 0xC0392B))

    /// Dark slate background for slides and dark-mode pages.
    public static let dark = Theme(
        background: Color(hex: 0x1E2127), plotBackground: Color(hex: 0x1E2127), text: Color(hex: 0xE6E6E6),
        mutedText: Color(hex: 0xB0B4BA), axisLine: Color(hex: 0x9AA0A6), grid: Color(hex: 0x363B44),
        palette: .okabeItoOnDark, sequential: .viridis, diverging: .blueRed, annotation: Color(hex: 0xFF7A6B))

    /// Black on white, thin lines, dashed grid, greyscale-safe, full frame — for journals.
    /// Series also differ by marker shape (circle, square, triangle, diamond, …), not only by grey and dash.
    public static let print: Theme = {
        var t = Theme(
            background: .white, plotBackground: .white, text: .black, mutedText: Color(hex: 0x222222),
            axisLine: .black, grid: Color(hex: 0xCCCCCC), fontFamily: "DejaVu Serif", lineWidth: 1.2,
            axisLineWidth: 0.7, gridLineWidth: 0.4, palette: .print, sequential: .greys, diverging: .blueRed,
            annotation: .black, fullFrame: true, gridDash: [2, 2],
            lineDashes: [[], [5, 2], [1.5, 1.5], [6, 2, 1.5, 2], [3, 1.5, 3, 1.5, 0.8, 1.5]])
        t.markerShapes = true
        return t
    }()

    func font(_ size: Double, bold: Bool = false) -> Font { Font(family: fontFamily, size: size, bold: bold) }

    /// The dash pattern for palette slot `slot`.
    func lineDash(_ slot: Int) -> [Double] { lineDashes[slot % lineDashes.count] }
}
