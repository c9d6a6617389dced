import SlimLog

extension ImportedNetwork {
    /// The reference pre-activation `resnet` with bottleneck blocks and channel selection:
    /// per block BN → select → ReLU → conv1×1 → BN → ReLU → conv3×3 → BN → ReLU → conv1×1,
    /// plus the (optionally downsampled) shortcut; the first block of stages 2 and 3 has stride 2.
    /// cfg: per block [selected, conv1 width, conv2 width], then the final selection.
    static func preResNet(_ stateDict: StateDict, savedCfg: [String]?) throws -> ImportedNetwork {
        let file = stateDict.checkpoint.file
        // Deployment forks fold bn2/bn3 into conv1/conv2 (a bias each) before saving.
        if !stateDict.contains("layer1.0.bn2.weight"), stateDict.contains("layer1.0.conv1.bias") {
            let blocks = stateDict.names.filter { $0.hasPrefix("layer") && $0.hasSuffix(".bn1.weight") }.count
            throw ImportError.foldedBatchNorm(file: file, batchNorms: batchNormCount(stateDict),
                                              cfgEntries: savedCfg?.count ?? 3 * blocks + 1, bias: "layer1.0.conv1.bias")
        }
        var (reader, input) = try stem(stateDict)
        var cfg: [String] = []
        var blocksPerStage = 0
        for stage in 1...3 {
            var block = 0
            while stateDict.contains("layer\(stage).\(block).bn1.weight") {
                let prefix = "layer\(stage).\(block)"
                let stride = stage > 1 && block == 0 ? 2 : 1
                let blockInput = reader.builder.last, blockShape = reader.builder.shape
                cfg.append(String(try reader.preActivation(bn: prefix + ".bn1", select: prefix + ".select", relu: prefix + ".relu1")))
                try reader.convolution(prefix + ".conv1", kernel: 1)
                cfg.append(String(reader.builder.shape[0]))
                try reader.batchNorm(prefix + ".bn2")
                reader.builder.relu(prefix + ".relu2")
                try reader.convolution(prefix + ".conv2", kernel: 3, stride: stride)
                cfg.append(String(reader.builder.shape[0]))
                try reader.batchNorm(prefix + ".bn3")
                reader.builder.relu(prefix + ".relu3")
                try reader.convolution(prefix + ".conv3", kernel: 1)
                let residual = reader.builder.last, residualShape = reader.builder.shape
                var shortcut = blockInput
                if stateDict.contains(prefix + ".downsample.0.weight") {
                    reader.builder.resume(from: blockInput, shape: blockShape)
                    try reader.convolution(prefix + ".downsample.0", kernel: 1, stride: stride, from: blockInput)
                    shortcut = reader.builder.last
                } else {
                    reader.builder.resume(from: residual, shape: blockShape)
                }
                guard reader.builder.shape == residualShape else {
                    throw ImportError.badTensor(file: file, tensor: prefix + ".conv3.weight",
                                                expected: "the shortcut's shape \(reader.builder.shape), found \(residualShape)")
                }
                reader.builder.add(prefix + ".add", residual, shortcut)
                block += 1
            }
            guard block > 0, blocksPerStage == 0 || block == blocksPerStage else {
                throw ImportError.unknownArchitecture(file: file, detail: "stage layer\(stage) has \(block) blocks")
            }
            blocksPerStage = block
        }
        cfg.append(String(try reader.preActivation(bn: "bn", select: "select", relu: "relu")))
        let classes = try reader.classifier("fc", pool: 8)
        return ImportedNetwork(family: .resnet, model: "preresnet\(9 * blocksPerStage + 2)", cfg: cfg,
                               reader: reader, classes: classes, input: input)
    }
}
