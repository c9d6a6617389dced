import Foundation
import SlimGzip

/// A file in the IDX format of MNIST (raw or gzip-compressed): a magic number giving the
/// element type and rank, the dimensions, then unsigned bytes.
struct IDXFile {
    /// The file read (with `.gz` when the compressed one was), for messages about its contents.
    var path: String
    var dimensions: [Int]
    var bytes: [UInt8]

    /// Reads `path`, or `path.gz` when only the compressed file exists.
    static func read(path: String, expected: String) throws -> IDXFile {
        let chosen: String
        if FileManager.default.fileExists(atPath: path) {
            chosen = path
        } else if FileManager.default.fileExists(atPath: path + ".gz") {
            chosen = path + ".gz"
        } else {
            throw EngineError.missingFile(path: path + "[.gz]", expected: expected)
        }
        guard let data = FileManager.default.contents(atPath: chosen) else {
            throw EngineError.missingFile(path: chosen, expected: expected)
        }
        var raw = [UInt8](data)
        if GzipInflater.isGzip(raw) { raw = try GzipInflater.decompress(raw, source: chosen) }
        return try parse(raw, path: chosen)
    }

    static func parse(_ raw: [UInt8], path: String) throws(EngineError) -> IDXFile {
        guard raw.count >= 4, raw[0] == 0, raw[1] == 0 else {
            throw .malformedFile(path: path, reason: "not an IDX file (the first two bytes must be zero)")
        }
        guard raw[2] == 0x08 else {
            throw .malformedFile(path: path, reason: "IDX element type 0x\(String(raw[2], radix: 16)) is not unsigned bytes (0x08)")
        }
        let rank = Int(raw[3])
        guard rank >= 1, raw.count >= 4 + 4 * rank else {
            throw .malformedFile(path: path, reason: "IDX header is truncated")
        }
        var dims: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            dims.append(Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3]))
        }
        let expected = dims.reduce(1, *), header = 4 + 4 * rank
        guard raw.count - header == expected else {
            throw .malformedFile(path: path, reason: "IDX dimensions \(dims) need \(expected) bytes of data, found \(raw.count - header)")
        }
        return IDXFile(path: path, dimensions: dims, bytes: Array(raw[header...]))
    }
}
