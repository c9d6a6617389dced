// libFuzzer target: checkpoint reading (zip, legacy streams, the safe pickle machine, state
// dicts). Built and run by scripts/fuzz.sh (`make fuzz`); a trap, a leak or a slow input
// (libFuzzer's -timeout) is a finding.
import SlimImport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPickle(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let checkpoint = try Checkpoint(bytes: bytes, file: "fuzz.pth")
        _ = try StateDict(checkpoint)
        _ = try CheckpointMetadata(checkpoint)
    } catch {}
    return 0
}
