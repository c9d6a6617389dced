import Foundation

/// Writes whole files: an existing file is replaced only when the new content is complete
/// (a temporary file renamed over it), so a failed or interrupted write never leaves half a file.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(ChartError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ChartError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    public static func write(_ text: String, to path: String) throws(ChartError) {
        try write(Array(text.utf8), to: path)
    }
}
