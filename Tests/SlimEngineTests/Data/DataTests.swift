import Foundation
import Testing
import SlimGzip
import SlimLog
@testable import SlimEngine

@Suite("Datasets")
struct DataTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "slim-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func idx(_ dims: [Int], _ data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dims.count)]
        for d in dims { bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        return bytes + data
    }

    @Test func embeddedMNIST() throws {
        let data = try MNIST.embedded()
        #expect(data.name == "mnist-5k")
        #expect(data.train.count == 4000 && data.test.count == 1000)
        #expect(data.input == InputShape(channels: 1, height: 28, width: 28))
        #expect(Set(data.train.labels).count == 10)
    }

    @Test func mnistFromRawAndGzipFiles() throws {
        let dir = try Self.temporaryDirectory()
        let pixels = (0..<(3 * 2 * 2)).map { UInt8($0 * 20) }
        try Data(Self.idx([3, 2, 2], pixels)).write(to: URL(fileURLWithPath: dir + "/train-images-idx3-ubyte"))
        try Data(Self.idx([3], [1, 2, 9])).write(to: URL(fileURLWithPath: dir + "/train-labels-idx1-ubyte"))
        let gz = try GzipCompressor.compress(Self.idx([1, 2, 2], [0, 255, 0, 255]))
        try Data(gz).write(to: URL(fileURLWithPath: dir + "/t10k-images-idx3-ubyte.gz"))
        try Data(try GzipCompressor.compress(Self.idx([1], [4]))).write(to: URL(fileURLWithPath: dir + "/t10k-labels-idx1-ubyte.gz"))
        let data = try MNIST.load(directory: dir)
        #expect(data.train.labels == [1, 2, 9] && data.test.labels == [4])
        #expect(abs(data.test.images[1] - (1 - 0.1307) / 0.3081) < 1e-6)
    }

    @Test func missingAndMalformedFiles() throws {
        let dir = try Self.temporaryDirectory()
        #expect(throws: EngineError.missingFile(path: dir + "/train-images-idx3-ubyte[.gz]",
                                                expected: "MNIST train images in IDX format (N×28×28 bytes)")) {
            try MNIST.load(directory: dir)
        }
        try Data(Self.idx([3, 2, 2], [1, 2])).write(to: URL(fileURLWithPath: dir + "/train-images-idx3-ubyte"))
        let error = EngineError.malformedFile(path: dir + "/train-images-idx3-ubyte",
                                              reason: "IDX dimensions [3, 2, 2] need 12 bytes of data, found 2")
        #expect(throws: error) { try MNIST.load(directory: dir) }
        #expect(error.description == "\(dir)/train-images-idx3-ubyte: IDX dimensions [3, 2, 2] need 12 bytes of data, found 2")
    }

    @Test func cifarBinaryFiles() throws {
        let dir = try Self.temporaryDirectory()
        for (index, file) in ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"].enumerated() {
            var record = [UInt8(index % 10)] + [UInt8](repeating: 128, count: 3072)
            record += [UInt8((index + 1) % 10)] + [UInt8](repeating: 0, count: 3072)
            try Data(record).write(to: URL(fileURLWithPath: "\(dir)/\(file).bin"))
        }
        let data = try CIFAR.load(directory: dir, variant: .cifar10)
        #expect(data.train.count == 10 && data.test.count == 2)
        #expect(data.train.labels.prefix(2) == [0, 1])
        #expect(abs(data.train.images[0] - (128 / 255 - 0.4914) / 0.2023) < 1e-6)
        try Data([UInt8](repeating: 0, count: 100)).write(to: URL(fileURLWithPath: "\(dir)/test_batch.bin"))
        #expect(throws: EngineError.malformedFile(path: "\(dir)/test_batch.bin",
                                                  reason: "size 100 is not a multiple of the 3073-byte CIFAR record")) {
            try CIFAR.load(directory: dir, variant: .cifar10)
        }
    }

    @Test func seededBatchesAndAugmentation() throws {
        let images = (0..<(4 * 2 * 3 * 3)).map { Float($0) }
        let split = LabeledImages(images: images, labels: [0, 1, 2, 3], shape: InputShape(channels: 2, height: 3, width: 3))
        let data = Dataset(name: "t", train: split, test: split, classes: 4, augmentation: .cropAndFlip(padding: 1),
                           mean: [0, 0], std: [1, 1])
        let a = EpochBatches.training(data, batchSize: 3, seed: 9, epoch: 0)
        let b = EpochBatches.training(data, batchSize: 3, seed: 9, epoch: 0)
        let c = EpochBatches.training(data, batchSize: 3, seed: 9, epoch: 1)
        #expect(a.count == 2)
        #expect(a.batch(1).images == b.batch(1).images && a.order == b.order)
        #expect(a.order != c.order || a.batch(0).images != c.batch(0).images)
        #expect(Set(a.order) == Set(0..<4))
        // Every augmented pixel is either padding (0 here) or a pixel of the same sample and channel.
        let (batch, labels) = a.batch(0)
        for (slot, label) in labels.enumerated() {
            for ch in 0..<2 {
                let source = Set(images[(Int(label) * 2 + ch) * 9..<(Int(label) * 2 + ch + 1) * 9])
                for v in batch.storage[(slot * 2 + ch) * 9..<(slot * 2 + ch + 1) * 9] { #expect(v == 0 || source.contains(v)) }
            }
        }
    }
}
