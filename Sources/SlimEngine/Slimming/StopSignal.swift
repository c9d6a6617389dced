import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT (Ctrl-C) and SIGTERM into a request the training loop checks at safe points,
/// so a stopped run still finishes its line and writes `end`. A second signal exits at once.
public final class StopSignal: Sendable {
    private let requested = Atomic<Int>(0)

    public init() {}

    /// Starts listening for SIGINT and SIGTERM (the default handlers are replaced). Keep the
    /// returned sources alive as long as the run goes on.
    public func install() -> [any DispatchSourceSignal] {
        var made: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                if requested.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
                FileHandle.standardError.write(Data("\nslim-train: stopping after this epoch (send again to quit now)\n".utf8))
            }
            source.resume()
            made.append(source)
        }
        return made
    }

    /// Asks the run to stop (as a signal would).
    public func request() { requested.add(1, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) > 0 }
}

/// Thrown inside a run when a stop was requested; the run records `end` with status `stopped`.
public struct StopRequested: Error {}
