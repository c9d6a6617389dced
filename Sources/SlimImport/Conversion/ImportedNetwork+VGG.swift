import SlimLog

extension ImportedNetwork {
    /// The reference `vgg`: `feature` = [conv3×3, BN, ReLU] per width and MaxPool2d(2) per
    /// `"M"`, then AvgPool2d(2), flatten and a linear `classifier`.
    static func vgg(_ stateDict: StateDict, savedCfg: [String]?) throws -> ImportedNetwork {
        let file = stateDict.checkpoint.file
        let convIndices = stateDict.names.compactMap { name -> Int? in
            let parts = name.split(separator: ".")
            guard parts.count == 3, parts[0] == "feature", parts[2] == "weight",
                  stateDict.shape(name)?.count == 4 else { return nil }
            return Int(parts[1])
        }.sorted()
        guard convIndices.first == 0 else {
            throw ImportError.unknownArchitecture(file: file, detail: "no feature.0.weight convolution")
        }
        if !stateDict.contains("feature.1.weight"), stateDict.contains("feature.0.bias") {
            throw ImportError.foldedBatchNorm(file: file, batchNorms: batchNormCount(stateDict),
                                              cfgEntries: savedCfg?.count ?? convIndices.count, bias: "feature.0.bias")
        }
        // Between two convolutions sit BN and ReLU (index +3), or BN, ReLU and a max-pool (+4).
        var cfg: [String] = []
        for (position, index) in convIndices.enumerated() {
            if position > 0, index - convIndices[position - 1] == 4 { cfg.append("M") }
            cfg.append(String(try stateDict.shape("feature.\(index).weight", rank: 4)[0]))
        }
        // A trailing max-pool leaves no tensor behind; only the saved cfg knows about it.
        if let savedCfg, savedCfg.filter({ $0 != "M" }) == cfg.filter({ $0 != "M" }) { cfg = savedCfg }
        let channels = try stateDict.shape("feature.0.weight", rank: 4)[1]
        let input = cifarInput(channels: channels)
        var reader = NetworkReader(stateDict, input: [channels, input.height, input.width])
        var index = 0
        for entry in cfg {
            if entry == "M" {
                reader.builder.pool("feature.\(index)", .maxpool2d, size: 2)
                index += 1
            } else {
                try reader.convolution("feature.\(index)", kernel: 3)
                try reader.batchNorm("feature.\(index + 1)")
                reader.builder.relu("feature.\(index + 2)")
                index += 3
            }
        }
        let classes = try reader.classifier("classifier", pool: 2)
        let depth = cfg.filter { $0 != "M" }.count + 3
        return ImportedNetwork(family: .vgg, model: "vgg\(depth)", cfg: cfg, reader: reader, classes: classes, input: input)
    }
}
