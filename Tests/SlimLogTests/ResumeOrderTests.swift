import Foundation
import Testing
@testable import SlimLog

/// A `resume` may continue from the pass the log reached: at `pruned` of the next pass too (a
/// run stopped after its training checkpoint and before the prune line prunes on resuming, as
/// slim-train does), but never further.
@Suite struct ResumeOrderTests {
    let dir = ScratchDirectory()
    static let head = """
        {"type":"run","schema":"slim-run/1","run_id":"r","name":"r","created":"2026-12-03T00:00:00Z","engine":{"name":"slim-train","version":"0.1.0"},"config":{"model":"m","dataset":"d"},"input":{"channels":1,"height":28,"width":28},"classes":10}
        {"type":"epoch","pass":0,"phase":"sparsity","epoch":1,"step":10,"lr":0.1,"train_loss":1,"train_accuracy":0.5,"seconds":1}

        """

    func read(_ resume: String) throws -> [Event] {
        let path = dir.write("run.log", Array((Self.head + resume + "\n").utf8))
        return try LogReader.readAll(path: path).events
    }

    @Test func aResumeAtTheNextPassesPruneFollowsTraining() throws {
        let events = try read(#"{"type":"resume","created":"2026-12-03T00:01:00Z","pass":1,"phase":"pruned","epoch":0,"step":10}"#)
        #expect(events.map(\.type) == ["run", "epoch", "resume"])
    }

    @Test(arguments: [(2, "pruned"), (1, "finetune")])
    func aResumeBeyondThatIsOutOfOrder(pass: Int, phase: String) {
        let path = dir.path("run.log")
        #expect(throws: LogError.outOfOrder(path: path, line: 3, event: "resume",
                                            detail: "goes back to pass \(pass) but the log only reached pass 0")) {
            _ = try read(#"{"type":"resume","created":"2026-12-03T00:01:00Z","pass":\#(pass),"phase":"\#(phase)","epoch":0,"step":10}"#)
        }
    }
}
