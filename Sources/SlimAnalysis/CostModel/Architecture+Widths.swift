import SlimLog

extension Architecture {
    /// BatchNorm layers the global threshold may prune (`prunable` absent counts as prunable).
    public var prunableBatchNorms: [Layer] {
        layers.filter { $0.op == .batchnorm2d && $0.prunable != false }
    }

    /// The width each prunable BN layer passes on: its channel count, or, when a `select`
    /// layer picks from its output (as in pruned ResNet/DenseNet), the number selected.
    public var effectiveWidths: [(layer: String, width: Int)] {
        let selectAfter = selectingLayers()
        return prunableBatchNorms.map { bn in
            (bn.name, selectAfter[bn.name]?.selected?.count ?? bn.outShape.first ?? 0)
        }
    }

    /// For each BN layer, the `select` layer that reads it directly or through channel-wise
    /// layers (ReLU, pooling) with a single input.
    func selectingLayers() -> [String: Layer] {
        var origin: [String: String] = [:] // layer → the BN its channels come from unchanged
        var result: [String: Layer] = [:]
        var previous: String?
        for layer in layers {
            let source = layer.inputs.isEmpty ? previous : (layer.inputs.count == 1 ? layer.inputs[0] : nil)
            switch layer.op {
            case .batchnorm2d:
                origin[layer.name] = layer.name
            case .relu, .maxpool2d, .avgpool2d:
                if let source, let bn = origin[source] { origin[layer.name] = bn }
            case .select:
                if let source, let bn = origin[source], result[bn] == nil { result[bn] = layer }
            default:
                break
            }
            previous = layer.name
        }
        return result
    }
}
