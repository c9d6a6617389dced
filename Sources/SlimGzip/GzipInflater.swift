import CZlib

/// Streaming gzip/zlib decompression. Feed compressed chunks, receive decompressed bytes.
/// Owns one zlib stream; the stream is released when the value is deinitialised.
public final class GzipInflater {
    private var stream = z_stream()
    private var finished = false
    private let source: String

    /// - Parameter source: a name for messages (usually the file path).
    public init(source: String) throws(GzipError) {
        self.source = source
        // 15 + 32: accept both gzip and zlib headers, maximum window.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .corrupt(path: source, detail: "zlib init failed (\(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// True once the end of the compressed stream has been reached.
    public var isFinished: Bool { finished }

    /// Decompresses `input`, calling `output` with each decompressed chunk. Concatenated gzip
    /// members (as `cat a.gz b.gz` makes) are decoded one after another.
    public func inflate(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var out = [UInt8](repeating: 0, count: 1 << 18)
        var offset = 0
        while offset < input.count {
            if finished {
                // Another gzip member follows.
                inflateReset(&stream)
                finished = false
            }
            stream.next_in = UnsafeMutablePointer(mutating: base.advanced(by: offset).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(input.count - offset)
            repeat {
                let produced: Int = try out.withUnsafeMutableBytes { buf in
                    stream.next_out = buf.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(buf.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    switch status {
                    case Z_OK, Z_BUF_ERROR: break
                    case Z_STREAM_END: finished = true
                    default:
                        let msg = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw GzipError.corrupt(path: source, detail: msg)
                    }
                    return buf.count - Int(stream.avail_out)
                }
                if produced > 0 {
                    try out.withUnsafeBytes { try output(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
                }
                if finished { break }
            } while stream.avail_out == 0
            let consumed = (input.count - offset) - Int(stream.avail_in)
            offset += consumed
            if !finished && stream.avail_in == 0 { break }
            if consumed == 0 && !finished { break }
        }
    }
}

extension GzipInflater {
    /// Decompresses a whole in-memory buffer. Fails when the stream is truncated.
    public static func decompress(_ data: [UInt8], source: String) throws -> [UInt8] {
        let inflater = try GzipInflater(source: source)
        var result: [UInt8] = []
        result.reserveCapacity(data.count * 4)
        try data.withUnsafeBytes { raw in
            try inflater.inflate(raw) { result.append(contentsOf: $0) }
        }
        guard inflater.isFinished else {
            throw GzipError.corrupt(path: source, detail: "unexpected end of data")
        }
        return result
    }

    /// True when `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var it = bytes.makeIterator()
        return it.next() == 0x1f && it.next() == 0x8b
    }
}
