import Foundation
import Testing
import SlimGzip
import SlimLog
@testable import SlimEngine

/// `--dataset fashion-mnist`: the IDX files of Debian's `dataset-fashion-mnist` (or a folder),
/// read by MNIST's IDX reader with Fashion-MNIST's own normalisation; a missing or damaged file
/// is one line naming the file (and, when missing, the package).
@Suite("Fashion-MNIST")
struct FashionMNISTTests {
    /// Three 2×2 training images and one test image, gzip-compressed as the package ships them.
    static func fixture() throws -> String {
        let dir = try DataTests.temporaryDirectory()
        let files: [(String, [Int], [UInt8])] = [
            ("train-images-idx3-ubyte", [3, 2, 2], (0..<12).map { UInt8($0 * 20) }),
            ("train-labels-idx1-ubyte", [3], [0, 5, 9]),
            ("t10k-images-idx3-ubyte", [1, 2, 2], [0, 255, 0, 255]),
            ("t10k-labels-idx1-ubyte", [1], [7]),
        ]
        for (name, dims, bytes) in files {
            try Data(try GzipCompressor.compress(DataTests.idx(dims, bytes))).write(to: URL(fileURLWithPath: "\(dir)/\(name).gz"))
        }
        return dir
    }

    @Test func readsTheFourGzipFilesWithItsOwnNormalisation() throws {
        let dir = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = try TrainingRunOptions(dataset: "fashion-mnist", dataDirectory: dir).loadDataset()
        #expect(data.name == "fashion-mnist" && data.classes == 10 && data.augmentation == .none)
        #expect(data.train.labels == [0, 5, 9] && data.test.labels == [7])
        #expect(data.input == InputShape(channels: 1, height: 2, width: 2))
        #expect(data.mean == [0.2860] && data.std == [0.3530])
        #expect(abs(data.test.images[1] - (1 - 0.2860) / 0.3530) < 1e-6)
        #expect(abs(data.train.images[1] - (20.0 / 255 - 0.2860) / 0.3530) < 1e-6)
    }

    @Test func aMissingFileNamesTheFileAndThePackage() throws {
        let dir = try DataTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let error = EngineError.missingFile(
            path: dir + "/train-images-idx3-ubyte[.gz]",
            expected: "Fashion-MNIST train images in IDX format (N×28×28 bytes); install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or give --data-dir DIR")
        #expect(throws: error) { try FashionMNIST.load(directory: dir) }
        #expect(error.description == "\(dir)/train-images-idx3-ubyte[.gz]: file not found; expected Fashion-MNIST train images in IDX format (N×28×28 bytes); install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or give --data-dir DIR")
    }

    @Test func withoutAFolderItLooksWhereThePackageInstallsIt() {
        #expect(FashionMNIST.packageDirectory == "/usr/share/datasets/fashion-mnist")
        let installed = FileManager.default.fileExists(atPath: FashionMNIST.packageDirectory + "/train-labels-idx1-ubyte.gz")
        do {
            let data = try FashionMNIST.load()
            #expect(installed && data.train.count == 60_000 && data.test.count == 10_000)
        } catch {
            #expect(!installed)
            #expect("\(error)".hasPrefix("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte[.gz]: file not found;"))
        }
    }

    @Test func aTruncatedGzipFileIsOneLineNamingIt() throws {
        let dir = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t10k-labels-idx1-ubyte.gz"
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.prefix(whole.count - 6).write(to: URL(fileURLWithPath: path))
        do {
            _ = try FashionMNIST.load(directory: dir)
            Issue.record("a truncated gzip file was read")
        } catch {
            #expect("\(error)" == "\(path): not a valid gzip stream (unexpected end of data); the file may be truncated or not compressed with gzip")
        }
    }

    @Test func aTruncatedOrForeignIDXFileIsOneLineNamingIt() throws {
        let dir = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/train-images-idx3-ubyte.gz"
        try Data(try GzipCompressor.compress(DataTests.idx([3, 2, 2], [1, 2, 3]))).write(to: URL(fileURLWithPath: path))
        #expect(throws: EngineError.malformedFile(path: path, reason: "IDX dimensions [3, 2, 2] need 12 bytes of data, found 3")) {
            try FashionMNIST.load(directory: dir)
        }
        try Data(try GzipCompressor.compress(Array("not an image file".utf8))).write(to: URL(fileURLWithPath: path))
        #expect(throws: EngineError.malformedFile(path: path, reason: "not an IDX file (the first two bytes must be zero)")) {
            try FashionMNIST.load(directory: dir)
        }
        let labels = dir + "/train-labels-idx1-ubyte.gz"
        try Data(try GzipCompressor.compress(DataTests.idx([3], [0, 5, 10]))).write(to: URL(fileURLWithPath: labels))
        try Data(try GzipCompressor.compress(DataTests.idx([3, 2, 2], [UInt8](repeating: 0, count: 12)))).write(to: URL(fileURLWithPath: path))
        #expect(throws: EngineError.malformedFile(path: labels, reason: "label 10 at index 2 is outside 0…9")) {
            try FashionMNIST.load(directory: dir)
        }
    }
}
