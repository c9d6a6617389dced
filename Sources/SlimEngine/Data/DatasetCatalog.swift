import SlimLog

/// The datasets `slim-train` knows, with the sample shape and class count each gives a
/// network — enough to build and cost a model without reading any data (`slim-train plan`).
public enum DatasetCatalog {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var input: InputShape
        public var classes: Int
        /// Whether the data ships with slim-train (no `--data-dir` needed).
        public var embedded: Bool
        /// What `--data-dir` must hold, for messages.
        public var files: String
        /// Where the data is read from without `--data-dir` (an installed package), if anywhere.
        public var defaultDirectory: String? = nil
    }

    public static let entries: [Entry] = [
        Entry(name: "mnist-5k", input: InputShape(channels: 1, height: 28, width: 28), classes: 10, embedded: true,
              files: "the MNIST IDX files"),
        Entry(name: "mnist", input: InputShape(channels: 1, height: 28, width: 28), classes: 10, embedded: false,
              files: "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (gzip or not)"),
        Entry(name: "fashion-mnist", input: InputShape(channels: 1, height: 28, width: 28), classes: 10, embedded: false,
              files: "the four Fashion-MNIST IDX files", defaultDirectory: FashionMNIST.packageDirectory),
        Entry(name: "cifar10", input: InputShape(channels: 3, height: 32, width: 32), classes: 10, embedded: false,
              files: "data_batch_1.bin … data_batch_5.bin and test_batch.bin (cifar-10-batches-bin)"),
        Entry(name: "cifar100", input: InputShape(channels: 3, height: 32, width: 32), classes: 100, embedded: false,
              files: "train.bin and test.bin (cifar-100-binary)"),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }
}
