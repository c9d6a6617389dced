import SlimLog

/// Concatenation of NCHW inputs along the channel axis, in order (dense connections).
public struct ChannelConcat: Sendable {
    public let name: String
    public let inputs: [String]

    public init(name: String, inputs: [String]) { self.name = name; self.inputs = inputs }

    public func record(inShapes: [[Int]]) -> SlimLog.Layer {
        let channels = inShapes.reduce(0) { $0 + $1[0] }
        let first = inShapes.first ?? [0, 0, 0]
        return SlimLog.Layer(name: name, op: .concat, inputs: inputs, inShape: first,
                             outShape: [channels] + first.dropFirst())
    }

    public func forward(_ operands: [Tensor]) -> Tensor {
        let n = operands[0].batch, plane = operands[0].shape[2] * operands[0].shape[3]
        precondition(operands.allSatisfy { $0.batch == n && $0.shape[2] * $0.shape[3] == plane },
                     "\(name): inputs must share batch and spatial size")
        let widths = operands.map { $0.shape[1] }, total = widths.reduce(0, +)
        var output = Tensor(shape: [n, total, operands[0].shape[2], operands[0].shape[3]])
        for b in 0..<n {
            var channel = 0
            for (operand, width) in zip(operands, widths) {
                let src = b * width * plane, dst = (b * total + channel) * plane
                output.storage.replaceSubrange(dst..<dst + width * plane, with: operand.storage[src..<src + width * plane])
                channel += width
            }
        }
        return output
    }

    /// Splits the output gradient back into one gradient per input of `widths` channels.
    public func backward(_ gradOutput: Tensor, widths: [Int]) -> [Tensor] {
        let n = gradOutput.batch, total = gradOutput.shape[1]
        let plane = gradOutput.shape[2] * gradOutput.shape[3]
        var channel = 0
        return widths.map { width in
            var grad = Tensor(shape: [n, width, gradOutput.shape[2], gradOutput.shape[3]])
            for b in 0..<n {
                let src = (b * total + channel) * plane, dst = b * width * plane
                grad.storage.replaceSubrange(dst..<dst + width * plane, with: gradOutput.storage[src..<src + width * plane])
            }
            channel += width
            return grad
        }
    }
}
