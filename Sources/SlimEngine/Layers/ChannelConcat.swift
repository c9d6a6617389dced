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

    public func forward(_ operands: [Tensor], parallelism: Parallelism) -> Tensor {
        let n = operands[0].batch, plane = operands[0].shape[2] * operands[0].shape[3]
        precondition(operands.allSatisfy { $0.batch == n && $0.shape[2] * $0.shape[3] == plane },
                     "\(name): inputs must share batch and spatial size")
        let widths = operands.map { $0.shape[1] }, total = widths.reduce(0, +)
        var output = Tensor(uninitializedShape: [n, total, operands[0].shape[2], operands[0].shape[3]])
        output.storage.withUnsafeMutableBufferPointer { y in
            var channel = 0
            for (operand, width) in zip(operands, widths) {
                operand.storage.withUnsafeBufferPointer { x in
                    Self.copyBlocks(from: x, fromStride: width * plane, fromOffset: 0, to: y, toStride: total * plane,
                                    toOffset: channel * plane, length: width * plane, count: n, parallelism: parallelism)
                }
                channel += width
            }
        }
        return output
    }

    /// Splits the output gradient back into one gradient per input of `widths` channels.
    public func backward(_ gradOutput: Tensor, widths: [Int], parallelism: Parallelism) -> [Tensor] {
        let n = gradOutput.batch, total = gradOutput.shape[1]
        let plane = gradOutput.shape[2] * gradOutput.shape[3]
        var channel = 0
        return widths.map { width in
            var grad = Tensor(uninitializedShape: [n, width, gradOutput.shape[2], gradOutput.shape[3]])
            gradOutput.storage.withUnsafeBufferPointer { dy in
                grad.storage.withUnsafeMutableBufferPointer { dx in
                    Self.copyBlocks(from: dy, fromStride: total * plane, fromOffset: channel * plane, to: dx,
                                    toStride: width * plane, toOffset: 0, length: width * plane, count: n,
                                    parallelism: parallelism)
                }
            }
            channel += width
            return grad
        }
    }

    /// Copies `count` blocks of `length` floats, block `b` from `from[fromOffset + b·fromStride]`
    /// to `to[toOffset + b·toStride]`.
    private static func copyBlocks(from: UnsafeBufferPointer<Float>, fromStride: Int, fromOffset: Int,
                                   to: UnsafeMutableBufferPointer<Float>, toStride: Int, toOffset: Int,
                                   length: Int, count: Int, parallelism: Parallelism) {
        precondition(count == 0 || (fromOffset + (count - 1) * fromStride + length <= from.count
                                    && toOffset + (count - 1) * toStride + length <= to.count), "copyBlocks: out of bounds")
        parallelism.forEachRange(count, grain: max(1, (1 << 14) / max(1, length))) { blocks in
            for b in blocks {
                (to.baseAddress! + toOffset + b * toStride).update(from: from.baseAddress! + fromOffset + b * fromStride, count: length)
            }
        }
    }
}
