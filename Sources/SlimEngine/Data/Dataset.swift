import SlimLog

/// Normalised images (NCHW floats) with integer labels, one split of a dataset.
public struct LabeledImages: Sendable {
    /// `count × channels × height × width` floats, already normalised.
    public var images: [Float]
    public var labels: [Int32]
    public var shape: InputShape

    public init(images: [Float], labels: [Int32], shape: InputShape) {
        precondition(images.count == labels.count * shape.channels * shape.height * shape.width,
                     "LabeledImages: image data does not match \(labels.count) labels")
        self.images = images; self.labels = labels; self.shape = shape
    }

    public var count: Int { labels.count }
    var sampleSize: Int { shape.channels * shape.height * shape.width }
}

/// How training images are varied each epoch.
public enum Augmentation: Sendable, Equatable {
    case none
    /// Random crop of the image zero-padded by `padding` pixels (zero before normalisation),
    /// then a horizontal flip with probability ½ — the reference code's CIFAR augmentation.
    case cropAndFlip(padding: Int)
}

/// A dataset with its train and test splits.
public struct Dataset: Sendable {
    /// `mnist-5k`, `mnist`, `cifar10`, `cifar100`.
    public var name: String
    public var train: LabeledImages
    public var test: LabeledImages
    public var classes: Int
    public var augmentation: Augmentation
    /// The per-channel mean and standard deviation used to normalise the images.
    public var mean: [Float]
    public var std: [Float]

    public init(name: String, train: LabeledImages, test: LabeledImages, classes: Int,
                augmentation: Augmentation, mean: [Float], std: [Float]) {
        self.name = name; self.train = train; self.test = test; self.classes = classes
        self.augmentation = augmentation; self.mean = mean; self.std = std
    }

    public var input: InputShape { train.shape }

    /// Bytes → floats normalised per channel: (b/255 − mean)/std.
    static func normalise(_ bytes: ArraySlice<UInt8>, channels: Int, mean: [Float], std: [Float], into out: inout [Float]) {
        let plane = bytes.count / channels
        var i = bytes.startIndex
        for c in 0..<channels {
            let m = mean[c], s = std[c]
            for _ in 0..<plane {
                out.append((Float(bytes[i]) / 255 - m) / s)
                i += 1
            }
        }
    }
}
