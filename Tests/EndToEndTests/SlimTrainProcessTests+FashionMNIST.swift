import Foundation
import Testing
import SlimLog

/// `slim-train --dataset fashion-mnist`: trains from a folder of IDX files (here tiny random
/// images) and records the dataset's name; without the files it is one line naming the file and
/// the Debian package, exit 1, and no log.
extension SlimTrainProcessTests {
    @Test func fashionMNISTTrainsFromAFolderAndNamesItsDataset() throws {
        let dir = try scratch() + "/run"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let digits = try tinyDigits()
        let result = try runToEnd(["--dataset", "fashion-mnist", "--data-dir", digits, "--cfg", "2,M,4,M", "--epochs", "1",
                                   "--passes", "0", "--threads", "1", "--measure-rounded", "none", "--out", dir])
        #expect(result.status == 0, "\(result.errors)")
        let events = try LogReader.readAll(path: dir + "/run.log").events
        guard case let .run(header)? = events.first else { Issue.record("no run line"); return }
        #expect(header.config.dataset == "fashion-mnist")
        #expect(header.input == InputShape(channels: 1, height: 8, width: 8))
        guard case let .end(end)? = events.last else { Issue.record("no end line"); return }
        #expect(end.status == .completed)
    }

    @Test func fashionMNISTWithoutItsFilesNamesThePackage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try runToEnd(Self.tiny + ["--dataset", "fashion-mnist", "--data-dir", dir + "/none", "--out", dir + "/run"])
        #expect(result.status == 1)
        #expect(result.errors == "slim-train: error: \(dir)/none/train-images-idx3-ubyte[.gz]: file not found; expected Fashion-MNIST train images in IDX format (N×28×28 bytes); install Debian's package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or give --data-dir DIR\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/run/run.log"))
    }
}
