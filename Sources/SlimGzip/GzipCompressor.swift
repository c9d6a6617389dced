import CZlib

/// Compresses bytes into a single gzip member.
public enum GzipCompressor {
    /// Returns `data` as a complete gzip stream.
    public static func compress(_ data: [UInt8], level: Int32 = 6) throws(GzipError) -> [UInt8] {
        try Deflate.compress(data, windowBits: 15 + 16, level: level, strategy: Z_DEFAULT_STRATEGY)
    }
}

/// Compresses bytes into a zlib stream (the format PNG's IDAT chunks hold).
public enum ZlibCompressor {
    /// Returns `data` as a complete zlib stream. `runLength` trades ratio for speed on images
    /// with flat areas.
    public static func compress(_ data: [UInt8], fastest: Bool = false, runLength: Bool = false) throws(GzipError) -> [UInt8] {
        try Deflate.compress(data, windowBits: 15, level: fastest ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION,
                             strategy: runLength ? Z_RLE : Z_DEFAULT_STRATEGY)
    }

    /// The CRC-32 of `bytes` continuing from `initial` (as PNG chunks and gzip trailers use).
    public static func crc32(_ bytes: [UInt8], initial: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(initial), $0.baseAddress, uInt($0.count))) }
    }
}

private enum Deflate {
    static func compress(_ data: [UInt8], windowBits: Int32, level: Int32, strategy: Int32) throws(GzipError) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, windowBits, 8, strategy,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .writeFailed(path: "<memory>", reason: "zlib deflate init failed")
        }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(data.count))) + 32
        var status: Int32 = Z_OK
        // Uninitialised: only what zlib writes is kept, so a large image skips a full memset.
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, written in
            data.withUnsafeBufferPointer { inBuf in
                // zlib only reads the input; its API just lacks the const.
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                status = deflate(&stream, Z_FINISH)
            }
            written = status == Z_STREAM_END ? Int(stream.total_out) : 0
        }
        guard status == Z_STREAM_END else {
            throw .writeFailed(path: "<memory>", reason: "zlib deflate failed (\(status))")
        }
        return output
    }
}
