import Foundation

/// Runs a built executable of this package and collects what it printed and its exit code.
struct ExecutableRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The directory `swift build` put the products in: the test bundle sits next to them.
    static let productsDirectory: URL = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On macOS the runner is inside `Slim…Tests.xctest/Contents/MacOS`.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" || directory.lastPathComponent == "Contents" {
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    var name: String

    var url: URL { Self.productsDirectory.appendingPathComponent(name) }

    /// Runs the executable with `arguments`, feeding `input` on standard input. Both outputs
    /// go to files, so a chatty process can never block on a full pipe.
    func run(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Outcome {
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw MissingExecutable(path: url.path)
        }
        let scratch = ScratchDirectory()
        let inPath = scratch.write("stdin", input)
        let outPath = scratch.write("stdout", []), errPath = scratch.write("stderr", [])
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       standardOutput: try String(contentsOfFile: outPath, encoding: .utf8),
                       standardError: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) does not exist; build the package first (swift build)" }
    }
}

/// A scratch directory removed when the value goes away.
final class ScratchDirectory {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("slim-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}
