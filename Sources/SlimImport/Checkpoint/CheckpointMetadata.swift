/// What a network-slimming checkpoint stores besides the weights.
public struct CheckpointMetadata: Sendable, Equatable {
    /// The `epoch` entry (the reference code saves the next epoch to run).
    public var epoch: Int?
    /// The `best_prec1` entry as saved (a fraction in the reference code, a percentage in some forks).
    public var bestPrec1: Double?
    /// The `cfg` entry saved by the pruning scripts: widths as numbers, `"M"` for max-pool.
    public var cfg: [String]?

    public init(epoch: Int? = nil, bestPrec1: Double? = nil, cfg: [String]? = nil) {
        self.epoch = epoch; self.bestPrec1 = bestPrec1; self.cfg = cfg
    }

    /// Reads `epoch`, `best_prec1` (a number or a one-element tensor) and `cfg`.
    public init(_ checkpoint: Checkpoint) throws {
        let root = checkpoint.root
        epoch = root["epoch"]?.number.map { Int($0) }
        switch root["best_prec1"] {
        case let .tensor(tensor)?: bestPrec1 = try checkpoint.scalar(tensor, name: "best_prec1")
        case let value?: bestPrec1 = value.number
        case nil: bestPrec1 = nil
        }
        if case let .list(items)? = root["cfg"] {
            cfg = try items.map { item in
                switch item {
                case let .int(width): String(width)
                case let .string(text): text
                default:
                    throw ImportError.badTensor(file: checkpoint.file, tensor: "cfg", expected: "a list of widths and \"M\"")
                }
            }
        }
    }
}
