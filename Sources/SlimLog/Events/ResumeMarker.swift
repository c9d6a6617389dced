/// Written when `slim-train --resume` continues a run: everything after it belongs to the new
/// segment. Events between the last checkpoint and the crash may be repeated after it; a
/// reader keeps the later ones.
public struct ResumeMarker: Sendable, Equatable {
    /// ISO 8601 time of the resume.
    public var created: String
    /// Where training continues: the pass, phase and the epoch it restarts at (1-based).
    public var pass: Int
    public var phase: Phase
    public var epoch: Int
    public var step: Int
    public init(created: String, pass: Int, phase: Phase, epoch: Int, step: Int) {
        self.created = created; self.pass = pass; self.phase = phase; self.epoch = epoch
        self.step = step
    }
}
