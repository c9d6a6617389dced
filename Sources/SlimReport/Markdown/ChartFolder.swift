import Foundation
import SlimCharts

/// The chart files of one Markdown page, published together with the page.
///
/// Charts are written into a hidden staging folder beside the page. Publishing takes an
/// exclusive lock on the page's directory, moves the staging folder to
/// `<name>-charts/<version>/`, renames the page into place (the commit: the page is the only
/// thing that names a version) and removes the other versions. Concurrent writers of one page
/// each publish a complete version and the last page wins, with its own charts only; a crash
/// before the commit leaves the old page and its charts untouched (and at worst a hidden
/// `.<name>-charts.<version>.partial` folder).
struct ChartFolder {
    let page: String
    let directory: String
    let folderName: String
    let version: String
    let staging: String

    init(page: String) throws(ReportError) {
        let url = URL(fileURLWithPath: page)
        self.page = page
        directory = url.deletingLastPathComponent().path
        folderName = url.deletingPathExtension().lastPathComponent + "-charts"
        version = String(UUID().uuidString.prefix(8)).lowercased()
        staging = directory + "/." + folderName + "." + version + ".partial"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw ReportError.cannotWrite(path: page, reason: (error as NSError).localizedDescription)
        }
    }

    /// The link from the page to `file`.
    func link(to file: String) -> String { folderName + "/" + version + "/" + file }

    func add(_ bytes: [UInt8], named file: String) throws(ReportError) {
        try ReportError.writing { () throws(ChartError) in try AtomicFile.write(bytes, to: staging + "/" + file) }
    }

    /// Moves the charts into place and then the page, under the directory's lock.
    func publish(page text: String) throws(ReportError) {
        let folder = directory + "/" + folderName
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw ReportError.cannotWrite(path: page, reason: String(cString: strerror(errno))) }
        defer { close(fd) } // closing releases the lock
        guard flock(fd, LOCK_EX) == 0 else { throw ReportError.cannotWrite(path: page, reason: String(cString: strerror(errno))) }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if !files.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            do { try files.createDirectory(atPath: folder, withIntermediateDirectories: false) } catch {
                throw ReportError.cannotWrite(path: folder, reason: (error as NSError).localizedDescription)
            }
        }
        guard rename(staging, folder + "/" + version) == 0 else {
            throw ReportError.cannotWrite(path: folder, reason: String(cString: strerror(errno)))
        }
        do {
            try ReportError.writing { () throws(ChartError) in try AtomicFile.write(text, to: page) }
        } catch {
            try? files.removeItem(atPath: folder + "/" + version)
            throw error
        }
        // Older versions (and the flat SVGs of earlier Slim releases); nothing else is touched.
        for entry in (try? files.contentsOfDirectory(atPath: folder)) ?? [] where entry != version && Self.isOurs(entry) {
            try? files.removeItem(atPath: folder + "/" + entry)
        }
    }

    /// Removes the staging folder if publishing did not move it.
    func discard() { try? FileManager.default.removeItem(atPath: staging) }

    /// A version folder (8 hex digits) or a chart file.
    static func isOurs(_ entry: String) -> Bool {
        entry.hasSuffix(".svg") || (entry.count == 8 && entry.allSatisfy(\.isHexDigit))
    }
}
