import Foundation
import SlimLog

/// MNIST in the IDX layout (`train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`,
/// `t10k-…`), normalised with mean 0.1307 and std 0.3081.
public enum MNIST {
    static let mean: [Float] = [0.1307]
    static let std: [Float] = [0.3081]

    /// Loads the four IDX files from `directory`.
    public static func load(directory: String, name: String = "mnist") throws -> Dataset {
        try load(directory: directory, name: name, files: Files(title: "MNIST", hint: ""), mean: mean, std: std)
    }

    /// What the IDX files are called in messages: "`title` train images in IDX format …`hint`".
    struct Files {
        var title: String
        var hint: String
    }

    /// Loads any dataset in MNIST's IDX layout (10 classes, one channel), normalised with its
    /// own `mean` and `std`.
    static func load(directory: String, name: String, files: Files, mean: [Float], std: [Float]) throws -> Dataset {
        let train = try split(directory: directory, prefix: "train", files: files, mean: mean, std: std)
        let test = try split(directory: directory, prefix: "t10k", files: files, mean: mean, std: std)
        return Dataset(name: name, train: train, test: test, classes: 10, augmentation: .none, mean: mean, std: std)
    }

    /// The embedded `mnist-5k` subset: 4,000 training and 1,000 test digits (500 per class).
    public static func embedded() throws -> Dataset {
        guard let url = Bundle.module.url(forResource: "mnist-5k", withExtension: nil) else {
            throw EngineError.missingFile(path: "mnist-5k", expected: "the dataset embedded in SlimEngine's resource bundle")
        }
        return try load(directory: url.path, name: "mnist-5k")
    }

    static func split(directory: String, prefix: String, files: Files, mean: [Float], std: [Float]) throws -> LabeledImages {
        let imagePath = (directory as NSString).appendingPathComponent("\(prefix)-images-idx3-ubyte")
        let labelPath = (directory as NSString).appendingPathComponent("\(prefix)-labels-idx1-ubyte")
        let images = try IDXFile.read(path: imagePath, expected: "\(files.title) \(prefix) images in IDX format (N×28×28 bytes)\(files.hint)")
        let labels = try IDXFile.read(path: labelPath, expected: "\(files.title) \(prefix) labels in IDX format (N bytes)\(files.hint)")
        guard images.dimensions.count == 3 else {
            throw EngineError.malformedFile(path: images.path, reason: "expected 3 dimensions (N×H×W), found \(images.dimensions.count)")
        }
        guard labels.dimensions.count == 1, labels.dimensions[0] == images.dimensions[0] else {
            throw EngineError.malformedFile(path: labels.path, reason: "expected \(images.dimensions[0]) labels to match the images, found dimensions \(labels.dimensions)")
        }
        if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
            throw EngineError.malformedFile(path: labels.path, reason: "label \(labels.bytes[bad]) at index \(bad) is outside 0…9")
        }
        let shape = InputShape(channels: 1, height: images.dimensions[1], width: images.dimensions[2])
        var floats: [Float] = []
        floats.reserveCapacity(images.bytes.count)
        Dataset.normalise(images.bytes[...], channels: 1, mean: mean, std: std, into: &floats)
        return LabeledImages(images: floats, labels: labels.bytes.map(Int32.init), shape: shape)
    }
}
