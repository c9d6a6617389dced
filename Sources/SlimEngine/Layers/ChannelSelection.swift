import SlimLog

/// Passes on only the `selected` channels of its input — the reference code's
/// `channel_selection`. It lets a BatchNorm whose output feeds a residual sum or a
/// concatenation be pruned: the BN keeps its width, the conv after it reads fewer channels.
public struct ChannelSelection: NetworkLayer {
    public let name: String
    /// Width of the input.
    public let inChannels: Int
    /// Indices into the input channels that are passed on, ascending.
    public let selected: [Int]
    private var inputShape: [Int] = []

    /// A selection of `selected` out of `inChannels` channels (all of them when nil).
    public init(name: String, inChannels: Int, selected: [Int]? = nil) {
        self.name = name
        self.inChannels = inChannels
        self.selected = selected ?? Array(0..<inChannels)
    }

    public func outputShape(for shape: [Int]) -> [Int]? {
        shape.count == 3 && shape[0] == inChannels ? [selected.count, shape[1], shape[2]] : nil
    }

    public func record(inShape: [Int]) -> SlimLog.Layer {
        SlimLog.Layer(name: name, op: .select, inShape: inShape, outShape: outputShape(for: inShape) ?? [],
                      selected: selected)
    }

    public mutating func forward(_ input: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        inputShape = mode == .training ? input.shape : []
        if selected.count == inChannels { return input }
        let n = input.batch, plane = input.shape[2] * input.shape[3], width = selected.count
        var output = Tensor(shape: [n, width, input.shape[2], input.shape[3]])
        for b in 0..<n {
            for (j, c) in selected.enumerated() {
                let src = (b * inChannels + c) * plane, dst = (b * width + j) * plane
                output.storage.replaceSubrange(dst..<dst + plane, with: input.storage[src..<src + plane])
            }
        }
        return output
    }

    public mutating func backward(_ gradOutput: Tensor, needsInputGradient: Bool, parallelism: Parallelism) -> Tensor? {
        precondition(!inputShape.isEmpty, "\(name): backward without a training forward")
        guard needsInputGradient else { return nil }
        if selected.count == inChannels { return gradOutput }
        let n = inputShape[0], plane = inputShape[2] * inputShape[3], width = selected.count
        var gradInput = Tensor(shape: inputShape)
        for b in 0..<n {
            for (j, c) in selected.enumerated() {
                let src = (b * width + j) * plane, dst = (b * inChannels + c) * plane
                gradInput.storage.replaceSubrange(dst..<dst + plane, with: gradOutput.storage[src..<src + plane])
            }
        }
        return gradInput
    }
}
