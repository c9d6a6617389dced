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
        let emptied = network.gammas.filter { (network.selections[$0.layer]?.count ?? $0.values.count) == 0 }.map(\.layer)
        guard !emptied.isEmpty else { return [] }
        guard emptied.count < network.gammas.count else {
            return ["\(file): every BN layer passes on 0 channels (cfg is all zeros): the network has collapsed and its output no longer depends on the input"]
        }
        return ["\(file): \(emptied.joined(separator: ", ")) pass on 0 channels"]
    }
}
