import Dispatch

/// How many threads the engine's own loops (im2col, BatchNorm, pooling, element-wise work)
/// are spread over. Passed in, never global; OpenBLAS gets the same count for its GEMMs.
public struct Parallelism: Sendable, Equatable {
    /// Worker threads, at least 1.
    public var threads: Int

    public init(threads: Int) { self.threads = max(1, threads) }

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

private struct RangeWork: @unchecked Sendable {
    let run: (Range<Int>) -> Void
}
