import SlimLog

extension ImportedNetwork {
    /// The reference `densenet`: three dense blocks of BN → select → ReLU → conv3×3 whose
    /// output is concatenated to the input, two transitions (BN → select → ReLU → conv1×1 →
    /// AvgPool2d(2)), then BN → select → ReLU → AvgPool2d(8) → linear `fc`.
    /// cfg: the selected channel count of every BN, in order.
    static func denseNet(_ stateDict: StateDict) throws -> ImportedNetwork {
        let file = stateDict.checkpoint.file
        var (reader, input) = try stem(stateDict)
        var cfg: [String] = []
        var layersPerBlock = 0
        for blockIndex in 1...3 {
            var layer = 0
            while stateDict.contains("dense\(blockIndex).\(layer).bn1.weight") {
                let prefix = "dense\(blockIndex).\(layer)"
                let layerInput = reader.builder.last, inputChannels = reader.builder.shape[0]
                cfg.append(String(try reader.preActivation(bn: prefix + ".bn1", select: prefix + ".select", relu: prefix + ".relu")))
                try reader.convolution(prefix + ".conv1", kernel: 3)
                reader.builder.concat(prefix + ".concat", layerInput, channelsA: inputChannels)
                layer += 1
            }
            guard layer > 0, layersPerBlock == 0 || layer == layersPerBlock else {
                throw ImportError.unknownArchitecture(file: file, detail: "dense block dense\(blockIndex) has \(layer) layers")
            }
            layersPerBlock = layer
            if blockIndex < 3 {
                let prefix = "trans\(blockIndex)"
                cfg.append(String(try reader.preActivation(bn: prefix + ".bn1", select: prefix + ".select", relu: prefix + ".relu")))
                try reader.convolution(prefix + ".conv1", kernel: 1)
                reader.builder.pool(prefix + ".avgpool", .avgpool2d, size: 2)
            }
        }
        cfg.append(String(try reader.preActivation(bn: "bn", select: "select", relu: "relu")))
        let classes = try reader.classifier("fc", pool: 8)
        return ImportedNetwork(family: .densenet, model: "densenet\(3 * layersPerBlock + 4)", cfg: cfg,
                               reader: reader, classes: classes, input: input)
    }
}
