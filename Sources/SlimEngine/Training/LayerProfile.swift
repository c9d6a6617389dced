import Foundation
import SlimLog

/// Where the time of a step goes, layer by layer: the evaluation forward, the training
/// forward and the backward pass of every layer (graph nodes included), plus the loss and
/// the optimizer step. Times are medians over the profiled steps, in seconds.
public struct LayerProfile: Sendable {
    /// One layer, or all layers of one kind when the profile is grouped.
    public struct Row: Sendable {
        /// The layer name, or the kind for grouped rows.
        public var name: String
        /// The operation with its kernel and stride (`conv2d 3×3/1`), for grouping.
        public var kind: String
        /// Output shape of one sample (empty for grouped rows).
        public var outShape: [Int]
        public var evaluation: Double
        public var trainingForward: Double
        public var backward: Double
        /// Forward FLOPs (2 × multiply-accumulates) of the batch.
        public var flops: Double
        /// How many layers the row stands for.
        public var layers: Int
    }

    public var rows: [Row]
    /// The loss (forward and gradient) and the optimizer step (zeroing gradients included).
    public var loss: Double
    public var optimizer: Double

    /// The same profile with one row per kind of layer, slowest kind first.
    public func grouped() -> LayerProfile {
        var order: [String] = []
        var sums: [String: Row] = [:]
        for row in rows {
            if var sum = sums[row.kind] {
                sum.evaluation += row.evaluation; sum.trainingForward += row.trainingForward
                sum.backward += row.backward; sum.flops += row.flops; sum.layers += row.layers
                sums[row.kind] = sum
            } else {
                order.append(row.kind)
                sums[row.kind] = Row(name: row.kind, kind: row.kind, outShape: [], evaluation: row.evaluation,
                                     trainingForward: row.trainingForward, backward: row.backward, flops: row.flops,
                                     layers: row.layers)
            }
        }
        let grouped = order.compactMap { sums[$0] }.sorted { $0.trainingForward + $0.backward > $1.trainingForward + $1.backward }
        return LayerProfile(rows: grouped, loss: loss, optimizer: optimizer)
    }

    /// A text table in milliseconds per step, with each column's share of its total (the
    /// training columns share one total: forward + backward + loss + optimizer), and the
    /// evaluation forward's GFLOP/s where the layers multiply (direct-convolution FLOPs, so a
    /// Winograd convolution can exceed the machine's SGEMM rate).
    public func table() -> String {
        let eval = rows.reduce(0) { $0 + $1.evaluation }
        let forward = rows.reduce(0) { $0 + $1.trainingForward }
        let backward = rows.reduce(0) { $0 + $1.backward }
        let train = forward + backward + loss + optimizer
        func cell(_ seconds: Double, of total: Double) -> String {
            String(format: "%9.2f %3.0f%%", seconds * 1e3, total > 0 ? 100 * seconds / total : 0)
        }
        func line(_ name: String, _ count: String, _ shape: String, _ cells: [String]) -> String {
            ([pad(name, 28), pad(count, 5, right: true), pad(shape, 12)] + cells.map { pad($0, 14, right: true) })
                .joined(separator: " ")
        }
        func rate(_ flops: Double, _ seconds: Double) -> String {
            flops > 0 && seconds > 0 ? String(format: "%.1f", flops / seconds / 1e9) : ""
        }
        var lines = [line("layer", "count", "out shape", ["eval ms", "train fwd ms", "backward ms", "eval GF/s"])]
        for row in rows {
            lines.append(line(row.name, String(row.layers), row.outShape.map(String.init).joined(separator: "×"),
                              [cell(row.evaluation, of: eval), cell(row.trainingForward, of: train), cell(row.backward, of: train),
                               rate(row.flops, row.evaluation)]))
        }
        lines.append(line("loss", "", "", ["", cell(loss, of: train)]))
        lines.append(line("sgd step", "", "", ["", cell(optimizer, of: train)]))
        lines.append(line("total", String(rows.reduce(0) { $0 + $1.layers }), "",
                          [cell(eval, of: eval), cell(forward, of: train), cell(backward, of: train),
                           rate(rows.reduce(0) { $0 + $1.flops }, eval)]))
        lines.append(String(format: "training step %.2f ms, evaluation step %.2f ms", train * 1e3, eval * 1e3))
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

extension ThroughputBenchmark {
    /// Profiles `steps` training and inference steps of the benchmark's model layer by layer.
    public func profile() throws -> LayerProfile {
        var (network, images, labels) = try makeWorkload()
        let records = network.architecture(pass: 0).layers
        var samples = ProfileSamples(layers: records.count)
        var optimizer = SGD(momentum: 0.9, weightDecay: 1e-4)
        BLAS.setThreads(parallelism.threads)
        for step in 0..<(steps + 2) {
            let keep = step >= 2  // two warm-up steps
            _ = network.forward(images, mode: .evaluation, parallelism: parallelism) { i, t in
                if keep { samples.evaluation[i].append(t) }
            }
            var started = DispatchTime.now().uptimeNanoseconds
            network.zeroGradients()
            var optimizerTime = Self.seconds(since: started)
            let logits = network.forward(images, mode: .training, parallelism: parallelism) { i, t in
                if keep { samples.trainingForward[i].append(t) }
            }
            started = DispatchTime.now().uptimeNanoseconds
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            if keep { samples.loss.append(Self.seconds(since: started)) }
            network.backward(loss.gradient, parallelism: parallelism) { i, t in
                if keep { samples.backward[i].append(t) }
            }
            started = DispatchTime.now().uptimeNanoseconds
            optimizer.step(&network, learningRate: 0.01, parallelism: parallelism)
            optimizerTime += Self.seconds(since: started)
            if keep { samples.optimizer.append(optimizerTime) }
        }
        let rows = records.indices.map { i in
            LayerProfile.Row(name: records[i].name, kind: Self.kind(records[i]), outShape: records[i].outShape,
                             evaluation: Self.median(of: samples.evaluation[i]), trainingForward: Self.median(of: samples.trainingForward[i]),
                             backward: Self.median(of: samples.backward[i]),
                             flops: 2 * Double(Network.multiplyAccumulates(of: records[i]) * batchSize), layers: 1)
        }
        return LayerProfile(rows: rows, loss: Self.median(of: samples.loss), optimizer: Self.median(of: samples.optimizer))
    }

    private static func kind(_ layer: SlimLog.Layer) -> String {
        guard let kernel = layer.kernel, layer.op == .conv2d || layer.op == .maxpool2d || layer.op == .avgpool2d else {
            return layer.op.rawValue
        }
        return "\(layer.op.rawValue) \(kernel.map(String.init).joined(separator: "×"))/\(layer.stride?.first ?? 1)"
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// Per-layer time samples of the profiled steps.
private struct ProfileSamples {
    var evaluation: [[Double]]
    var trainingForward: [[Double]]
    var backward: [[Double]]
    var loss: [Double] = []
    var optimizer: [Double] = []

    init(layers: Int) {
        evaluation = Array(repeating: [], count: layers)
        trainingForward = evaluation
        backward = evaluation
    }
}
