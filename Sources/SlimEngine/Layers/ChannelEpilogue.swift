/// A per-channel map `y = x·scale + shift` (then max(y, 0) when `relu`) applied to a layer's
/// output as it is written: an evaluation-mode BatchNorm (and ReLU) folded into the
/// convolution before it, or a convolution's bias.
struct ChannelEpilogue: Sendable {
    var scale: [Float]
    var shift: [Float]
    var relu: Bool

    /// `y = x + bias`.
    init(bias: [Float]) {
        self.init(scale: [Float](repeating: 1, count: bias.count), shift: bias, relu: false)
    }

    init(scale: [Float], shift: [Float], relu: Bool) {
        precondition(scale.count == shift.count, "ChannelEpilogue: \(scale.count) scales, \(shift.count) shifts")
        self.scale = scale; self.shift = shift; self.relu = relu
    }

    /// The map applied after adding `bias` first: x·scale + (shift + bias·scale).
    func addingBias(_ bias: [Float]) -> ChannelEpilogue {
        var shifted = self
        for c in shift.indices { shifted.shift[c] += bias[c] * scale[c] }
        return shifted
    }

    /// Applies channel `channel`'s map to `count` floats from `x` into `y` (which may be `x`).
    func apply(channel: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        VectorKernels.affine(x, y, count, scale: scale[channel], shift: shift[channel], relu: relu)
    }
}
