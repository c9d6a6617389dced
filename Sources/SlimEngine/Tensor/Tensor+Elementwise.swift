extension Tensor {
    /// Adds an equally shaped tensor element-wise, in place, spread over the threads.
    mutating func add(_ other: Tensor, parallelism: Parallelism) {
        precondition(shape == other.shape, "Tensor: adding \(other.shape) to \(shape)")
        storage.withUnsafeMutableBufferPointer { y in
            other.storage.withUnsafeBufferPointer { x in
                parallelism.forEachRange(x.count, grain: 1 << 14) { range in
                    VectorKernels.add(x, into: y, range.lowerBound, range.count)
                }
            }
        }
    }
}
