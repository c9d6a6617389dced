/// The output formats of summaries and what-if sweeps.
public enum SummaryFormat: String, Sendable, CaseIterable {
    /// Aligned plain-text tables for a terminal (the default).
    case text
    /// GitHub-flavoured Markdown, ready to paste into a pull request.
    case markdown
    /// One JSON object with stable field names (docs/analysis.md).
    case json
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
}
