import SlimLog

/// Architectures built by hand for tests, with shapes propagated the simple way.
enum Networks {
    /// A VGG for `cfg` ("M" = 2×2 max-pool): conv3×3 (no bias) → BN → ReLU per width, then
    /// global average pooling and a linear classifier, as the Network Slimming reference code.
    static func vgg(_ cfg: [String], input: [Int] = [3, 32, 32], classes: Int = 10,
                    flatten: Bool = false) -> Architecture {
        var layers: [Layer] = []
        var shape = input
        for item in cfg {
            let i = layers.count
            if item == "M" {
                let out = [shape[0], shape[1] / 2, shape[2] / 2]
                layers.append(Layer(name: "feature.\(i)", op: .maxpool2d, inShape: shape, outShape: out,
                                    kernel: [2, 2], stride: [2, 2], padding: [0, 0]))
                shape = out
                continue
            }
            let width = Int(item)!
            let out = [width, shape[1], shape[2]]
            layers.append(Layer(name: "feature.\(i)", op: .conv2d, inShape: shape, outShape: out,
                                kernel: [3, 3], stride: [1, 1], padding: [1, 1], groups: 1, bias: false))
            layers.append(Layer(name: "feature.\(i + 1)", op: .batchnorm2d, inShape: out, outShape: out,
                                prunable: true))
            layers.append(Layer(name: "feature.\(i + 2)", op: .relu, inShape: out, outShape: out))
            shape = out
        }
        let features: Int
        if flatten {
            features = shape.reduce(1, *)
            layers.append(Layer(name: "flatten", op: .flatten, inShape: shape, outShape: [features]))
        } else {
            features = shape[0]
            layers.append(Layer(name: "pool", op: .globalAvgpool, inShape: shape, outShape: [features]))
        }
        layers.append(Layer(name: "classifier", op: .linear, inShape: [features], outShape: [classes], bias: true))
        return Architecture(pass: 0, layers: layers)
    }

    static let vgg19: [String] = ["64", "64", "M", "128", "128", "M", "256", "256", "256", "256", "M",
                                  "512", "512", "512", "512", "M", "512", "512", "512", "512"]

    /// conv(3→4) → bn → relu → [branch: bn → relu → select → conv(→4)] + add → gap → linear.
    /// The branch BN reads the shared trunk, so pruning it narrows the select, not the trunk.
    static func residual() -> Architecture {
        let s = [4, 8, 8]
        return Architecture(pass: 0, layers: [
            Layer(name: "conv0", op: .conv2d, inShape: [3, 8, 8], outShape: s, kernel: [3, 3],
                  stride: [1, 1], padding: [1, 1], bias: false),
            Layer(name: "bn0", op: .batchnorm2d, inShape: s, outShape: s, prunable: false),
            Layer(name: "relu0", op: .relu, inShape: s, outShape: s),
            Layer(name: "bn1", op: .batchnorm2d, inShape: s, outShape: s, prunable: true),
            Layer(name: "relu1", op: .relu, inShape: s, outShape: s),
            Layer(name: "select1", op: .select, inShape: s, outShape: s, selected: [0, 1, 2, 3]),
            Layer(name: "conv1", op: .conv2d, inShape: s, outShape: s, kernel: [1, 1],
                  stride: [1, 1], padding: [0, 0], bias: false),
            Layer(name: "add1", op: .add, inputs: ["conv1", "relu0"], inShape: s, outShape: s),
            Layer(name: "pool", op: .globalAvgpool, inShape: s, outShape: [4]),
            Layer(name: "fc", op: .linear, inShape: [4], outShape: [2], bias: true),
        ])
    }

    /// conv(1→4) → [bn1 → relu → select → conv(→2)] → concat(conv0, conv1) = 6 channels →
    /// bn2 → relu → select → gap → linear, a dense block in miniature.
    static func dense() -> Architecture {
        Architecture(pass: 0, layers: [
            Layer(name: "conv0", op: .conv2d, inShape: [1, 4, 4], outShape: [4, 4, 4], kernel: [3, 3],
                  stride: [1, 1], padding: [1, 1], bias: false),
            Layer(name: "bn1", op: .batchnorm2d, inShape: [4, 4, 4], outShape: [4, 4, 4], prunable: true),
            Layer(name: "relu1", op: .relu, inShape: [4, 4, 4], outShape: [4, 4, 4]),
            Layer(name: "select1", op: .select, inShape: [4, 4, 4], outShape: [4, 4, 4], selected: [0, 1, 2, 3]),
            Layer(name: "conv1", op: .conv2d, inShape: [4, 4, 4], outShape: [2, 4, 4], kernel: [3, 3],
                  stride: [1, 1], padding: [1, 1], bias: false),
            Layer(name: "cat", op: .concat, inputs: ["conv0", "conv1"], inShape: [6, 4, 4], outShape: [6, 4, 4]),
            Layer(name: "bn2", op: .batchnorm2d, inShape: [6, 4, 4], outShape: [6, 4, 4], prunable: true),
            Layer(name: "relu2", op: .relu, inShape: [6, 4, 4], outShape: [6, 4, 4]),
            Layer(name: "select2", op: .select, inShape: [6, 4, 4], outShape: [6, 4, 4], selected: [0, 1, 2, 3, 4, 5]),
            Layer(name: "gap", op: .globalAvgpool, inShape: [6, 4, 4], outShape: [6]),
            Layer(name: "fc", op: .linear, inShape: [6], outShape: [3], bias: true),
        ])
    }
}
