/// Errors from rendering and writing charts.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    /// The page size was not positive and finite.
    case invalidSize(width: Double, height: Double)
    /// The file extension names no format SlimCharts writes.
    case unknownFormat(path: String)
    /// Cairo reported a failure while drawing.
    case cairo(status: String)
    /// The output file could not be written.
    case cannotWrite(path: String, reason: String)
    /// A multi-page document needs at least one page.
    case noPages

    public var description: String {
        switch self {
        case .invalidSize(let w, let h):
            return "chart size \(w)×\(h) pt is not usable: width and height must be positive and finite"
        case .unknownFormat(let path):
            return "cannot tell the chart format of '\(path)': use a .png, .pdf or .svg file name"
        case .cairo(let status):
            return "Cairo failed while drawing: \(status)"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); check that the folder exists and is writable"
        case .noPages:
            return "a PDF document needs at least one page"
        }
    }
}
