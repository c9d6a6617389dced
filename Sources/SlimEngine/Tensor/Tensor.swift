/// A dense Float32 tensor in row-major order (NCHW for feature maps). A value type: copies
/// share storage until one of them is written.
public struct Tensor: Sendable, Equatable {
    /// Sizes of the dimensions, outermost first.
    public private(set) var shape: [Int]
    /// The elements, `shape.reduce(1, *)` of them.
    public var storage: [Float]

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.shape = shape
        self.storage = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` holding `values` (their count must match the shape).
    public init(shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "Tensor: \(values.count) values for shape \(shape)")
        self.shape = shape
        self.storage = values
    }

    /// A tensor of `shape` whose elements the caller overwrites before reading.
    init(uninitializedShape shape: [Int]) {
        self.shape = shape
        self.storage = [Float](unsafeUninitializedCapacity: shape.reduce(1, *)) { $1 = $0.count }
    }

    /// Number of elements.
    public var count: Int { storage.count }

    /// The batch size (first dimension).
    public var batch: Int { shape[0] }

    /// The shape of one sample (all dimensions but the first).
    public var sampleShape: [Int] { Array(shape.dropFirst()) }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, values: storage)
    }

    /// Sets every element to zero, keeping the shape.
    public mutating func zero() {
        storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
