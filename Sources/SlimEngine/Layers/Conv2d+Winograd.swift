extension Conv2d {
    /// The fewest input and output channels for which Winograd pays: with fewer, the 36 products
    /// are too thin for SGEMM and the transforms dominate (measured on Ice Lake: DenseNet-40's
    /// 12-output layers ran 1.3–1.6× slower than on the output side; ResNet-164's 16-channel
    /// 3×3 convolutions gained).
    static let winogradMinimumChannels = 16

    /// Whether forward and the input gradient of a batch of `batch` run through Winograd
    /// F(4×4, 3×3) (see `WinogradF43`): a 3×3 convolution with stride 1 and padding 1, at least
    /// `winogradMinimumChannels` wide on both sides, on a plane whose 4×4 tiles cost at most half
    /// the direct sum's 9 multiply-adds per output (so not on planes of 2×2 and smaller), with
    /// at least `WinogradF43.minimumColumns` tiles in the batch: below that the 36 products
    /// are so narrow that their call and packing overhead exceeds what they save (at batch 1 a
    /// pruned mnist-vgg's 7×7 layers took 0.12 ms through Winograd, about 4× an im2col GEMM).
    /// The weight gradient stays an im2col product.
    func runsWinograd(_ g: ConvGeometry, batch: Int) -> Bool {
        kernel == Size2D(square: 3) && stride == Size2D(square: 1) && padding == Size2D(square: 1)
            && min(inChannels, outChannels) >= Self.winogradMinimumChannels
            && winograd(g).multiplyAddsPerOutput <= 4.5
            && batch * winograd(g).tilesPerSample >= WinogradF43.minimumColumns
    }

    /// F(4×4, 3×3) of this convolution on `g`'s plane.
    func winograd(_ g: ConvGeometry) -> WinogradF43 {
        WinogradF43(inputs: inChannels, outputs: outChannels, height: g.height, width: g.width)
    }

    /// `forward` through Winograd. In evaluation the transformed filters are kept with the
    /// weights they came from and reused while those are unchanged (comparing the arrays is
    /// immediate while they share storage); in training they are made afresh, and nothing keeps
    /// the weights referenced, so the optimizer updates them in place.
    mutating func forwardWinograd(_ input: Tensor, geometry g: ConvGeometry, mode: ForwardMode, epilogue: ChannelEpilogue?,
                                  parallelism: Parallelism) -> Tensor {
        let plan = winograd(g)
        let filters: [Float]
        if mode == .evaluation, let cached = transformedFilters, cached.weights == weight.value.storage {
            filters = cached.filters
        } else {
            filters = weight.value.storage.withUnsafeBufferPointer { plan.filters($0, flipped: false, parallelism: parallelism) }
            transformedFilters = mode == .evaluation ? TransformedFilters(weights: weight.value.storage, filters: filters) : nil
        }
        return plan.convolve(input, filters: filters, epilogue: epilogue, parallelism: parallelism)
    }

    /// dX through Winograd: the convolution of dY with the filters rotated by 180° and their
    /// channels swapped (padding 1 again, since 3 − 1 − 1 = 1).
    func winogradInputGradient(_ gradOutput: Tensor, geometry g: ConvGeometry, parallelism: Parallelism) -> Tensor {
        let plan = WinogradF43(inputs: outChannels, outputs: inChannels, height: g.height, width: g.width)
        let filters = weight.value.storage.withUnsafeBufferPointer { plan.filters($0, flipped: true, parallelism: parallelism) }
        return plan.convolve(gradOutput, filters: filters, epilogue: nil, parallelism: parallelism)
    }
}

/// Winograd-domain filters kept with the weights they were made from.
struct TransformedFilters: Sendable {
    var weights: [Float]
    var filters: [Float]
}
