import Foundation
import SlimGzip

/// Chunks of a log's bytes: from a file, standard input (`-`), or either gzip-compressed
/// (detected by the magic number, not the name).
struct ByteSource {
    private let handle: FileHandle
    private let closeWhenDone: Bool
    private var inflater: GzipInflater?
    private var firstChunk = true
    private let path: String
    private(set) var atEnd = false

    static let chunkSize = 1 << 16

    init(path: String) throws(LogError) {
        self.path = path
        if path == "-" {
            handle = FileHandle.standardInput
            closeWhenDone = false
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .cannotOpen(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw .cannotOpen(path: path, reason: "it is a directory") }
            guard let h = FileHandle(forReadingAtPath: path) else { throw .cannotOpen(path: path, reason: "permission denied") }
            handle = h
            closeWhenDone = true
        }
    }

    /// Appends the next chunk of decompressed bytes to `buffer`; false at the end. Appending in
    /// place saves a copy of every byte (the reader's buffer is the only one).
    ///
    /// The reader calls this only while `buffer` holds part of one line, with no newline yet.
    /// Inflating stops with `lineTooLong` as soon as that line passes `lineLimit` bytes, so a
    /// small gzip of gigabytes without a newline costs at most one limit of memory.
    mutating func read(appendingTo buffer: inout [UInt8], lineLimit: Int, line: Int) throws(LogError) -> Bool {
        while !atEnd {
            let data: Data
            do { data = try handle.read(upToCount: Self.chunkSize) ?? Data() } catch {
                throw .cannotOpen(path: path, reason: "read failed: \(error.localizedDescription)")
            }
            if data.isEmpty {
                atEnd = true
                if closeWhenDone { try? handle.close() }
                if let inflater, !inflater.isFinished {
                    throw .corruptCompression(path: path, detail: "the gzip stream ends early (the file is truncated); decompress what is there with `gzip -dc` if you need the prefix")
                }
                return false
            }
            if firstChunk {
                firstChunk = false
                if GzipInflater.isGzip(data) {
                    do { inflater = try GzipInflater(source: path) } catch { throw .corruptCompression(path: path, detail: error.problem) }
                }
            }
            guard let inflater else {
                buffer.append(contentsOf: data)
                return true
            }
            let before = buffer.count
            var newlineSeen = false
            do {
                try data.withUnsafeBytes { raw in
                    try inflater.inflate(raw) { piece in
                        let from = buffer.count
                        buffer.append(contentsOf: piece)
                        guard !newlineSeen else { return }
                        newlineSeen = buffer.withUnsafeBytes { LogReader.firstNewline(in: $0, from: from) } != nil
                        if !newlineSeen && buffer.count > lineLimit { throw LogError.lineTooLong(path: path, line: line, limit: lineLimit) }
                    }
                }
            } catch let error as LogError {
                throw error
            } catch let error as GzipError {
                throw .corruptCompression(path: path, detail: error.problem)
            } catch {
                throw .corruptCompression(path: path, detail: "\(error)")
            }
            if buffer.count > before { return true }
        }
        return false
    }
}
