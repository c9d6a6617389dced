import Foundation

/// Zalando's Fashion-MNIST (60,000 training and 10,000 test images of clothing, 28×28, ten
/// classes) in MNIST's IDX layout, normalised with its own mean 0.2860 and std 0.3530 (of the
/// training pixels). Debian's package `dataset-fashion-mnist` installs the four `.gz` files in
/// `/usr/share/datasets/fashion-mnist`, where they are read unless a folder is given.
public enum FashionMNIST {
    /// The Debian package that installs the files.
    public static let package = "dataset-fashion-mnist"
    /// Where that package puts them.
    public static let packageDirectory = "/usr/share/datasets/fashion-mnist"
    static let mean: [Float] = [0.2860]
    static let std: [Float] = [0.3530]

    /// Loads the four IDX files from `directory`, or from the package's folder when nil.
    public static func load(directory: String? = nil) throws -> Dataset {
        // A missing file names the package: that is how most users get these files.
        let hint = "; install Debian's package \(package) (apt-get install \(package)) or give --data-dir DIR"
        return try MNIST.load(directory: directory ?? packageDirectory, name: "fashion-mnist",
                              files: MNIST.Files(title: "Fashion-MNIST", hint: hint), mean: mean, std: std)
    }
}
