/// One checkpoint file read as a network: its state dict, what it stores besides the weights,
/// and the network those weights describe.
public struct ImportedCheckpoint: Sendable {
    public let stateDict: StateDict
    public let metadata: CheckpointMetadata
    public let network: ImportedNetwork

    public var file: String { stateDict.checkpoint.file }

    /// Reads `path`; `family` overrides the guess from tensor names.
    public init(contentsOf path: String, family: ArchitectureFamily? = nil) throws {
        let checkpoint = try Checkpoint(contentsOf: path)
        stateDict = try StateDict(checkpoint)
        metadata = try CheckpointMetadata(checkpoint)
        network = try ImportedNetwork(stateDict, family: family, savedCfg: metadata.cfg)
    }

    /// `best_prec1` as a fraction in [0, 1]: values above 1 are percentages (some forks).
    public var bestAccuracy: Double? {
        metadata.bestPrec1.map { $0 > 1 ? $0 / 100 : $0 }
    }

    /// Plain-language notes about this checkpoint the user should see (e.g. a collapse).
    public var warnings: [String] {
        let widths = network.gammas.map { network.selections[$0.layer]?.count ?? $0.values.count }
        if !widths.isEmpty, network.selections.values.allSatisfy(\.isEmpty), !network.selections.isEmpty {
            return ["\(file): every channel selection keeps 0 channels (cfg is all zeros): the network has collapsed and its output no longer depends on the input"]
        }
        let empty = network.gammas.indices.filter { widths[$0] == 0 }.map { network.gammas[$0].layer }
        guard !empty.isEmpty else { return [] }
        return ["\(file): \(empty.joined(separator: ", ")) keep 0 channels"]
    }
}
