// libFuzzer target: every command's log path (reader, validation, costs, what-if) on one
// input. Built and run by scripts/fuzz.sh (`make fuzz`); a trap or a leak is a finding.
import Foundation
import SlimAnalysis
import SlimLog

/// One file per process, rewritten for every input: LogReader reads paths, as the commands do.
private let path = "/dev/shm/slim-fuzz-log-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    do {
        var reader = try LogReader(path: path, limits: LogLimits(maxLineBytes: 1 << 20))
        var accumulator = RunAccumulator(source: path)
        while let event = try reader.next() { accumulator.add(event, line: reader.lineNumber) }
        let run = try accumulator.finish()
        if !run.architectures.isEmpty && !run.gammas.isEmpty { _ = try? run.whatIf() }
    } catch {}
    return 0
}
