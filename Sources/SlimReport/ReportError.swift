import SlimCharts

/// Why a report could not be made.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    case unknownFormat(path: String)
    case unknownFormatName(String)
    case cannotWrite(path: String, reason: String)
    case rendering(String)

    public var description: String {
        switch self {
        case .unknownFormat(let path):
            return "\(path): cannot tell the report format from the extension; use .pdf, .html or .md, or pass --format pdf|html|md"
        case .unknownFormatName(let name):
            return "unknown report format '\(name)'; use pdf, html or md"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write the report (\(reason)); check that the directory exists and is writable"
        case .rendering(let message):
            return "could not draw the report: \(message)"
        }
    }
}

extension ReportError {
    /// Runs a file write, a failure reported as a report that could not be written.
    static func writing(_ write: () throws(ChartError) -> Void) throws(ReportError) {
        do { try write() } catch {
            if case .cannotWrite(let path, let reason) = error { throw .cannotWrite(path: path, reason: reason) }
            throw .rendering(error.description)
        }
    }
}
