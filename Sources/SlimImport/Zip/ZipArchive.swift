/// The stored (uncompressed) entries of a zip archive, as PyTorch ≥1.6 writes checkpoints:
/// names mapped to byte ranges of the file. Compressed entries are refused.
struct ZipArchive {
    let file: String
    /// Entry names in central-directory order.
    let names: [String]
    private let ranges: [String: Range<Int>]

    private static let localHeaderSignature: UInt64 = 0x0403_4b50
    private static let centralHeaderSignature: UInt64 = 0x0201_4b50
    private static let endSignature: [UInt8] = [0x50, 0x4b, 0x05, 0x06]

    /// Whether `bytes` start like a zip archive.
    static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    init(bytes: [UInt8], file: String) throws {
        self.file = file
        let endOffset = try Self.endRecordOffset(bytes, file: file)
        var end = ByteCursor(bytes, file: file, offset: endOffset + 10)
        let entryCount = Int(try end.unsigned(2, "the zip end record"))
        let directorySize = Int(try end.unsigned(4, "the zip end record"))
        let directoryOffset = Int(try end.unsigned(4, "the zip end record"))
        guard directoryOffset != 0xFFFF_FFFF, entryCount != 0xFFFF else {
            throw ImportError.brokenZip(file: file, detail: "zip64 archives are not supported")
        }
        guard directoryOffset + directorySize <= endOffset else {
            throw ImportError.brokenZip(file: file, detail: "central directory lies outside the file")
        }
        var names: [String] = []
        var ranges: [String: Range<Int>] = [:]
        var directory = ByteCursor(bytes, file: file, offset: directoryOffset)
        for _ in 0..<entryCount {
            guard try directory.unsigned(4, "the zip central directory") == Self.centralHeaderSignature else {
                throw ImportError.brokenZip(file: file, detail: "bad central directory entry at byte \(directory.offset - 4)")
            }
            _ = try directory.take(6, "the zip central directory")
            let method = Int(try directory.unsigned(2, "the zip central directory"))
            _ = try directory.take(8, "the zip central directory")
            let compressedSize = Int(try directory.unsigned(4, "the zip central directory"))
            let size = Int(try directory.unsigned(4, "the zip central directory"))
            let nameLength = Int(try directory.unsigned(2, "the zip central directory"))
            let extraLength = Int(try directory.unsigned(2, "the zip central directory"))
            let commentLength = Int(try directory.unsigned(2, "the zip central directory"))
            _ = try directory.take(8, "the zip central directory")
            let localOffset = Int(try directory.unsigned(4, "the zip central directory"))
            let name = String(decoding: try directory.take(nameLength, "a zip entry name"), as: UTF8.self)
            _ = try directory.take(extraLength + commentLength, "the zip central directory")
            guard method == 0 else {
                throw ImportError.compressedEntry(file: file, entry: name, method: method)
            }
            guard compressedSize == size, size != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else {
                throw ImportError.brokenZip(file: file, detail: "entry '\(name)' has zip64 or inconsistent sizes")
            }
            var local = ByteCursor(bytes, file: file, offset: localOffset)
            guard try local.unsigned(4, "a zip local header") == Self.localHeaderSignature else {
                throw ImportError.brokenZip(file: file, detail: "entry '\(name)' has no local header at byte \(localOffset)")
            }
            _ = try local.take(22, "a zip local header")
            let localNameLength = Int(try local.unsigned(2, "a zip local header"))
            let localExtraLength = Int(try local.unsigned(2, "a zip local header"))
            let start = local.offset + localNameLength + localExtraLength
            guard start + size <= bytes.count else {
                throw ImportError.truncated(file: file, what: "zip entry '\(name)'")
            }
            names.append(name)
            ranges[name] = start..<start + size
        }
        self.names = names
        self.ranges = ranges
    }

    /// The byte range of an entry's data in the file.
    func range(of name: String) throws -> Range<Int> {
        guard let range = ranges[name] else { throw ImportError.missingEntry(file: file, entry: name) }
        return range
    }

    func contains(_ name: String) -> Bool { ranges[name] != nil }

    /// The end record sits in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    private static func endRecordOffset(_ bytes: [UInt8], file: String) throws -> Int {
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var candidate = bytes.count - 22
        while candidate >= lowest {
            if bytes[candidate..<candidate + 4].elementsEqual(endSignature) { return candidate }
            candidate -= 1
        }
        throw ImportError.brokenZip(file: file, detail: "no end-of-central-directory record")
    }
}
