import Foundation

/// Writes whole files so an existing one is replaced only when the new content is complete.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws(ReportError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    static func write(_ text: String, to path: String) throws(ReportError) {
        try write(Array(text.utf8), to: path)
    }
}
