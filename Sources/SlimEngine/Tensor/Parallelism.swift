import Dispatch
import Foundation

/// How many threads the engine's own loops (im2col, BatchNorm, pooling, element-wise work)
/// are spread over. Passed in, never global; OpenBLAS gets the same count for its GEMMs.
public struct Parallelism: Sendable, Equatable {
    /// Worker threads, at least 1.
    public var threads: Int

    public init(threads: Int) { self.threads = max(1, threads) }

    /// The environment variable that sets the default thread count.
    public static let environmentKey = "SLIM_THREADS"

    /// `SLIM_THREADS` when set to a positive number, else all cores.
    public static var defaultThreads: Int {
        ProcessInfo.processInfo.environment[environmentKey].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            ?? ProcessInfo.processInfo.activeProcessorCount
    }

    /// The smallest product (multiply-adds) of a small batch worth spreading over threads:
    /// below it, handing work to a second thread costs more than it saves, and when another
    /// process holds a core the hand-offs stall (a pruned mnist-vgg at batch 1 went from 0.9 ms
    /// to 12 ms).
    static let threadedProductMACs = 1 << 23

    /// One thread: everything runs on the caller's thread.
    public static let serial = Parallelism(threads: 1)

    /// Splits `0..<count` into at most `threads` contiguous ranges and runs `body` on each,
    /// in parallel. Ranges are never smaller than `grain` items unless `count` is.
    func forEachRange(_ count: Int, grain: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let parts = min(threads, max(1, count / max(1, grain)))
        if parts == 1 { body(0..<count); return }
        withoutActuallyEscaping(body) { escapable in
            // The ranges are disjoint and the call returns only after all of them ran, so the
            // body's captures are never used concurrently on the same elements.
            let work = RangeWork(run: escapable)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                work.run(count * part / parts..<count * (part + 1) / parts)
            }
        }
    }
}

extension Parallelism {
    /// Runs one worker per thread; each calls `take` for the next unit of `0..<count` until it
    /// returns nil. Units go to whichever worker is free (dynamic scheduling), so a worker that
    /// the OS preempts does not hold up the others; `worker` receives its index in
    /// `0..<threads` and can set up per-worker buffers once.
    func forEachUnit(_ count: Int, _ worker: (_ index: Int, _ take: () -> Int?) -> Void) {
        let next = UnitCounter(count: count)
        forEachRange(threads) { indices in
            for index in indices { worker(index) { next.take() } }
        }
    }
}

extension Parallelism {
    /// Like `forEachUnit`, but worker k always takes the k-th contiguous share of the units,
    /// in order. Per-worker partial sums added up afterwards then add in the same order every
    /// run — floating-point sums depend on it — so training repeats bit for bit.
    func forEachUnitInOrder(_ count: Int, _ worker: (_ index: Int, _ take: () -> Int?) -> Void) {
        let workers = min(threads, max(1, count))
        forEachRange(workers) { indices in
            for index in indices {
                var next = count * index / workers
                let end = count * (index + 1) / workers
                worker(index) {
                    guard next < end else { return nil }
                    next += 1
                    return next - 1
                }
            }
        }
    }
}

/// The shared counter of `forEachUnit`.
private final class UnitCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

private struct RangeWork: @unchecked Sendable {
    let run: (Range<Int>) -> Void
}
