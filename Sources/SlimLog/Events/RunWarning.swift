/// Something the writer found that whoever reads the run should know, e.g. that an imported
/// network has collapsed. Reports show it on their first page.
public struct RunWarning: Sendable, Equatable {
    /// One line of plain language.
    public var message: String
    /// The pass it concerns, when it concerns one.
    public var pass: Int?
    public init(message: String, pass: Int? = nil) { self.message = message; self.pass = pass }
}
