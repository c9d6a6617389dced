import SlimLog

/// A run of consecutive prunable BN layers at one spatial resolution: the layers between two
/// pools of a VGG, or one residual/dense stage.
public struct Stage: Sendable, Equatable {
    /// 1-based, in architecture order.
    public var index: Int
    /// Height and width of the stage's feature maps.
    public var height: Int
    public var width: Int
    /// The stage's prunable BN layers.
    public var layers: [String]

    /// E.g. `stage 2 (16×16)`.
    public var name: String { "stage \(index) (\(height)×\(width))" }
}

extension Architecture {
    /// The prunable BN layers grouped into stages: a new stage starts whenever the feature-map
    /// resolution changes.
    public var stages: [Stage] {
        var result: [Stage] = []
        for bn in prunableBatchNorms {
            let h = bn.inShape.count > 1 ? bn.inShape[1] : 1
            let w = bn.inShape.count > 2 ? bn.inShape[2] : 1
            if let last = result.last, last.height == h, last.width == w {
                result[result.count - 1].layers.append(bn.name)
            } else {
                result.append(Stage(index: result.count + 1, height: h, width: w, layers: [bn.name]))
            }
        }
        return result
    }
}
