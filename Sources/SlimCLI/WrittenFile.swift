import Foundation

/// The line every Slim command that writes a file prints: `wrote PATH (SIZE)`.
public enum WrittenFile {
    /// The option that silences it.
    public static let quietOption = OptionSpec("quiet", short: "q", help: "Do not print 'wrote PATH (size)'.")

    /// Prints `wrote PATH (SIZE)` on standard output unless `-q` was given.
    public static func announce(_ path: String, _ arguments: ParsedArguments) {
        guard !arguments.flag("quiet") else { return }
        print(line(path))
    }

    /// `wrote PATH (SIZE)`, the size read back from the file system.
    public static func line(_ path: String) -> String {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return "wrote \(path)" + (bytes.map { " (\(size($0)))" } ?? "")
    }

    /// Bytes in binary units: `812 B`, `12.3 KiB`, `4.51 MiB`.
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024, unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return String(format: value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
