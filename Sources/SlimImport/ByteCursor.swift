/// Bounds-checked little-endian reading from a byte buffer; running off the end is a
/// `truncated` error naming the file, never a crash.
struct ByteCursor {
    let bytes: [UInt8]
    let file: String
    var offset: Int

    init(_ bytes: [UInt8], file: String, offset: Int = 0) {
        self.bytes = bytes; self.file = file; self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte(_ what: String) throws -> UInt8 {
        guard offset < bytes.count else { throw ImportError.truncated(file: file, what: what) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int, _ what: String) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw ImportError.truncated(file: file, what: what)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// An unsigned little-endian integer of `width` bytes (≤ 8).
    mutating func unsigned(_ width: Int, _ what: String) throws -> UInt64 {
        let raw = try take(width, what)
        return raw.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func int64(_ what: String) throws -> Int64 {
        Int64(bitPattern: try unsigned(8, what))
    }

    /// Reads up to the next `\n` (exclusive), for text opcodes.
    mutating func line(_ what: String) throws -> String {
        guard let end = bytes[offset...].firstIndex(of: 0x0A) else {
            throw ImportError.truncated(file: file, what: what)
        }
        defer { offset = end + 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }
}
