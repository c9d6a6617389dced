import Dispatch
import SlimLog

/// A sequential network: layers in execution order, each named as in the reference code, on
/// a fixed input shape with a fixed number of classes.
public struct Network: Sendable {
    /// The model name (`mnist-vgg`, `vgg19`, or `custom`).
    public var model: String
    /// The widths the network was built from.
    public var cfg: VGGConfig
    public var input: InputShape
    public var classes: Int
    public var layers: [any NetworkLayer]

    public init(model: String, cfg: VGGConfig, input: InputShape, classes: Int, layers: [any NetworkLayer]) {
        self.model = model; self.cfg = cfg; self.input = input; self.classes = classes; self.layers = layers
    }

    /// Runs the batch `[N, C, H, W]` through all layers and returns the logits `[N, classes]`.
    public mutating func forward(_ batch: Tensor, mode: ForwardMode, parallelism: Parallelism) -> Tensor {
        forward(batch, mode: mode, parallelism: parallelism) { _, _ in }
    }

    /// The forward pass; `observe` (for profiling) receives the index of each layer in the
    /// flat list of `architecture` (graph nodes included) and its seconds. Runs of layers
    /// that `LayerFusion` joins count at their first layer.
    mutating func forward(_ batch: Tensor, mode: ForwardMode, parallelism: Parallelism,
                          observe: (Int, Double) -> Void) -> Tensor {
        var x = batch, i = 0, flat = 0
        while i < layers.count {
            let started = DispatchTime.now().uptimeNanoseconds
            if var graph = layers[i] as? LayerGraph {
                layers[i] = Flatten(name: "")  // keeps the graph's arrays uniquely referenced
                let base = flat
                x = graph.forward(x, mode: mode, parallelism: parallelism) { observe(base + $0, $1) }
                flat += graph.nodes.count
                layers[i] = graph
                i += 1
                continue
            }
            let run = LayerFusion.length(of: Array(layers[i..<min(layers.count, i + LayerFusion.maximumLength)]), mode: mode)
            if run > 1 {
                var group = Array(layers[i..<i + run])
                x = LayerFusion.forward(&group, x, mode: mode, parallelism: parallelism)
                layers.replaceSubrange(i..<i + run, with: group)
            } else {
                x = layers[i].forward(x, mode: mode, parallelism: parallelism)
            }
            observe(flat, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            for k in 1..<run { observe(flat + k, 0) }
            i += run
            flat += run
        }
        return x
    }

    /// Back-propagates ∂loss/∂logits through the layers of the last training forward,
    /// accumulating every parameter gradient.
    public mutating func backward(_ gradLogits: Tensor, parallelism: Parallelism) {
        backward(gradLogits, parallelism: parallelism) { _, _ in }
    }

    /// The backward pass; `observe` as for `forward(_:mode:parallelism:observe:)` (a run that
    /// `LayerFusion` joins counts at its first layer).
    mutating func backward(_ gradLogits: Tensor, parallelism: Parallelism, observe: (Int, Double) -> Void) {
        let sizes = layers.map { ($0 as? LayerGraph)?.nodes.count ?? 1 }
        var grad = gradLogits, flat = sizes.reduce(0, +), i = layers.count - 1
        while i >= 0 {
            flat -= sizes[i]
            let started = DispatchTime.now().uptimeNanoseconds
            var next: Tensor?
            var run = 1
            if var graph = layers[i] as? LayerGraph {
                layers[i] = Flatten(name: "")
                let base = flat
                next = graph.backward(grad, needsInputGradient: i > 0, parallelism: parallelism) { observe(base + $0, $1) }
                layers[i] = graph
            } else {
                run = LayerFusion.backwardLength(of: Array(layers[max(0, i + 1 - LayerFusion.maximumLength)...i].reversed()))
                if run > 1 {
                    var group = Array(layers[(i + 1 - run)...i].reversed())
                    next = LayerFusion.backward(&group, grad, needsInputGradient: i + 1 - run > 0, parallelism: parallelism)
                    layers.replaceSubrange((i + 1 - run)...i, with: group.reversed())
                    flat -= run - 1
                } else {
                    next = layers[i].backward(grad, needsInputGradient: i > 0, parallelism: parallelism)
                }
                observe(flat, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            }
            guard let next else { break }
            grad = next
            i -= run
        }
    }

    /// Calls `body` on every parameter and buffer in place, in checkpoint order.
    public mutating func visitParameters(_ body: (inout Parameter) throws -> Void) rethrows {
        for i in layers.indices { try layers[i].visitParameters(body) }
    }

    /// Every parameter and buffer, in checkpoint order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Sets all gradients to zero (before each step, as `optimizer.zero_grad()`).
    public mutating func zeroGradients() {
        visitParameters { if $0.isTrainable { $0.grad.zero() } }
    }

    /// Number of trainable scalars.
    public var parameterCount: Int {
        parameters.filter(\.isTrainable).reduce(0) { $0 + $1.value.count }
    }

    /// The BatchNorm layers in order — the prunable units of Network Slimming.
    public var batchNorms: [BatchNorm2d] {
        layers.flatMap { ($0 as? LayerGraph)?.layers ?? [$0] }.compactMap { $0 as? BatchNorm2d }
    }

    /// Calls `body` on every BatchNorm layer in place, in order (e.g. to add the sparsity
    /// subgradient λ·sign(γ) to `weight.grad` after backward).
    public mutating func visitBatchNorms(_ body: (inout BatchNorm2d) throws -> Void) rethrows {
        for i in layers.indices {
            if var graph = layers[i] as? LayerGraph {
                try graph.visitLayers { layer in
                    guard var bn = layer as? BatchNorm2d else { return }
                    try body(&bn)
                    layer = bn
                }
                layers[i] = graph
            } else if var bn = layers[i] as? BatchNorm2d {
                try body(&bn)
                layers[i] = bn
            }
        }
    }

    /// γ of every BatchNorm layer, as the run log's `gamma` event records them.
    public var gammaVectors: [GammaVector] {
        batchNorms.map { GammaVector(layer: $0.name, values: $0.weight.value.storage) }
    }

    /// The layers with their per-sample shapes, for the run log's `architecture` event.
    public func architecture(pass: Int) -> Architecture {
        var shape = [input.channels, input.height, input.width]
        var records: [SlimLog.Layer] = []
        for layer in layers {
            if let graph = layer as? LayerGraph {
                records += graph.records(inShape: shape)
            } else {
                records.append(layer.record(inShape: shape))
            }
            shape = layer.outputShape(for: shape) ?? []
        }
        return Architecture(pass: pass, layers: records)
    }

    /// The parameter or buffer with this reference name (`feature.1.weight`).
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// Replaces the value of the parameter or buffer `name`; the shape must match.
    /// Returns false when no parameter has that name or the shape differs.
    @discardableResult
    public mutating func setValue(_ value: Tensor, forParameter name: String) -> Bool {
        var found = false
        visitParameters { p in
            if p.name == name && p.value.shape == value.shape { p.value = value; found = true }
        }
        return found
    }

    /// Multiply-accumulates of one forward pass of one sample (conv and linear layers).
    public var multiplyAccumulates: Int {
        architecture(pass: 0).layers.reduce(0) { $0 + Self.multiplyAccumulates(of: $1) }
    }

    /// Multiply-accumulates of one layer's forward pass on one sample (0 unless conv or linear).
    static func multiplyAccumulates(of layer: SlimLog.Layer) -> Int {
        switch layer.op {
        case .conv2d:
            return layer.outShape.reduce(1, *) * layer.inShape[0] * (layer.kernel ?? [1, 1]).reduce(1, *)
        case .linear:
            return layer.inShape.reduce(1, *) * layer.outShape[0]
        default:
            return 0
        }
    }
}
