/// The mini-batches of one epoch: a seeded permutation of the split (or its natural order),
/// cut into batches of `batchSize` (the last one may be smaller), augmented per sample.
/// The same seed and epoch always give the same batches, whichever order they are read in.
public struct EpochBatches: Sendable {
    public let split: LabeledImages
    public let batchSize: Int
    public let order: [Int]
    let augmentation: Augmentation
    /// The value a zero pixel has after normalisation, per channel (the crop padding).
    let padValues: [Float]
    let seed: UInt64

    /// Training batches: shuffled with `seed` and `epoch`, augmented as the dataset says.
    public static func training(_ dataset: Dataset, batchSize: Int, seed: UInt64, epoch: Int) -> EpochBatches {
        var generator = SeededGenerator(seed: seed &+ 0x5EED &* UInt64(epoch + 1))
        var order = Array(0..<dataset.train.count)
        order.shuffle(using: &generator)
        return EpochBatches(split: dataset.train, batchSize: batchSize, order: order, augmentation: dataset.augmentation,
                            padValues: zip(dataset.mean, dataset.std).map { -$0 / $1 }, seed: generator.next())
    }

    /// Evaluation batches of `split` in order, without augmentation.
    public static func evaluation(_ split: LabeledImages, batchSize: Int) -> EpochBatches {
        EpochBatches(split: split, batchSize: batchSize, order: Array(0..<split.count), augmentation: .none,
                     padValues: [], seed: 0)
    }

    /// Number of batches.
    public var count: Int { (order.count + batchSize - 1) / batchSize }

    /// Batch `index`: images `[n, C, H, W]` and their labels.
    public func batch(_ index: Int) -> (images: Tensor, labels: [Int32]) {
        let start = index * batchSize, end = min(order.count, start + batchSize)
        let shape = split.shape, size = split.sampleSize
        var images = [Float](repeating: 0, count: (end - start) * size)
        var labels: [Int32] = []
        var generator = SeededGenerator(seed: seed &+ UInt64(index))
        for (slot, sample) in order[start..<end].enumerated() {
            labels.append(split.labels[sample])
            let src = sample * size, dst = slot * size
            switch augmentation {
            case .none:
                images.replaceSubrange(dst..<dst + size, with: split.images[src..<src + size])
            case let .cropAndFlip(padding):
                let dy = Int.random(in: -padding...padding, using: &generator)
                let dx = Int.random(in: -padding...padding, using: &generator)
                let flip = Bool.random(using: &generator)
                let h = shape.height, w = shape.width
                for c in 0..<shape.channels {
                    for y in 0..<h {
                        for x in 0..<w {
                            let sy = y + dy, sxCrop = x + dx
                            let sx = flip ? (w - 1 - x) + dx : sxCrop
                            let inside = sy >= 0 && sy < h && sx >= 0 && sx < w
                            images[dst + (c * h + y) * w + x] = inside ? split.images[src + (c * h + sy) * w + sx] : padValues[c]
                        }
                    }
                }
            }
        }
        return (Tensor(shape: [end - start, shape.channels, shape.height, shape.width], values: images), labels)
    }
}
