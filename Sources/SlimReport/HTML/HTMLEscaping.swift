import SlimCharts

/// Escaping for text that reaches HTML: everything from a log is untrusted.
extension String {
    /// `self` with `& < > " '` replaced by entities, safe in element content and quoted
    /// attributes; the same escaping the charts' SVG text uses.
    var htmlEscaped: String { xmlEscaped }
}
