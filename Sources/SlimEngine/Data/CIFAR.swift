import Foundation
import SlimLog

/// CIFAR-10 / CIFAR-100 in their binary versions (`cifar-10-batches-bin`: `data_batch_1.bin`
/// … `data_batch_5.bin`, `test_batch.bin`; `cifar-100-binary`: `train.bin`, `test.bin`, fine
/// labels), normalised as the reference code and augmented with crop (pad 4) + flip.
public enum CIFAR {
    public enum Variant: Sendable { case cifar10, cifar100 }

    static let mean: [Float] = [0.4914, 0.4822, 0.4465]
    static let std: [Float] = [0.2023, 0.1994, 0.2010]
    static let imageBytes = 3 * 32 * 32

    /// Loads the binary files from `directory`.
    public static func load(directory: String, variant: Variant) throws -> Dataset {
        let path = { (file: String) in (directory as NSString).appendingPathComponent(file) }
        switch variant {
        case .cifar10:
            let train = try read(paths: (1...5).map { path("data_batch_\($0).bin") }, labelBytes: 1, classes: 10)
            let test = try read(paths: [path("test_batch.bin")], labelBytes: 1, classes: 10)
            return Dataset(name: "cifar10", train: train, test: test, classes: 10,
                           augmentation: .cropAndFlip(padding: 4), mean: mean, std: std)
        case .cifar100:
            let train = try read(paths: [path("train.bin")], labelBytes: 2, classes: 100)
            let test = try read(paths: [path("test.bin")], labelBytes: 2, classes: 100)
            return Dataset(name: "cifar100", train: train, test: test, classes: 100,
                           augmentation: .cropAndFlip(padding: 4), mean: mean, std: std)
        }
    }

    /// Records of `labelBytes` label bytes (the last one is used) then 3072 pixel bytes.
    static func read(paths: [String], labelBytes: Int, classes: Int) throws -> LabeledImages {
        var images: [Float] = [], labels: [Int32] = []
        let record = labelBytes + imageBytes
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EngineError.missingFile(path: path, expected: "a CIFAR binary file of \(record)-byte records (download the binary version and pass its folder)")
            }
            let bytes = [UInt8](data)
            guard !bytes.isEmpty, bytes.count % record == 0 else {
                throw EngineError.malformedFile(path: path, reason: "size \(bytes.count) is not a multiple of the \(record)-byte CIFAR record")
            }
            images.reserveCapacity(images.count + bytes.count / record * imageBytes)
            for start in stride(from: 0, to: bytes.count, by: record) {
                let label = bytes[start + labelBytes - 1]
                guard Int(label) < classes else {
                    throw EngineError.malformedFile(path: path, reason: "record \(start / record) has label \(label), outside 0…\(classes - 1)")
                }
                labels.append(Int32(label))
                Dataset.normalise(bytes[(start + labelBytes)..<(start + record)], channels: 3, mean: mean, std: std, into: &images)
            }
        }
        return LabeledImages(images: images, labels: labels, shape: InputShape(channels: 3, height: 32, width: 32))
    }
}
