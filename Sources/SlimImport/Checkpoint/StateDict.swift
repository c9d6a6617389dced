/// The named tensors of a checkpoint's state dict, in saved order, with the checkpoint to
/// read their values from.
public struct StateDict: Sendable {
    public let checkpoint: Checkpoint
    /// Tensor names in saved order (a DataParallel `module.` prefix removed).
    public let names: [String]
    private let tensors: [String: TensorReference]

    /// The state dict under `state_dict` (or the top-level dict when it holds tensors).
    public init(_ checkpoint: Checkpoint) throws {
        self.checkpoint = checkpoint
        let dict = checkpoint.root["state_dict"] ?? checkpoint.root
        guard case let .dict(entries) = dict else {
            throw ImportError.noStateDict(file: checkpoint.file, keys: checkpoint.root.stringKeys)
        }
        var names: [String] = []
        var tensors: [String: TensorReference] = [:]
        for entry in entries {
            guard case let .string(key) = entry.key, case let .tensor(tensor) = entry.value else { continue }
            let name = key.hasPrefix("module.") ? String(key.dropFirst("module.".count)) : key
            names.append(name)
            tensors[name] = tensor
        }
        guard !names.isEmpty else {
            throw ImportError.noStateDict(file: checkpoint.file, keys: checkpoint.root.stringKeys)
        }
        self.names = names
        self.tensors = tensors
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    /// The shape of a tensor, or nil when absent.
    public func shape(_ name: String) -> [Int]? { tensors[name]?.shape }

    /// The shape of a tensor that must exist with `rank` dimensions.
    public func shape(_ name: String, rank: Int) throws -> [Int] {
        guard let shape = tensors[name]?.shape, shape.count == rank else {
            throw ImportError.badTensor(file: checkpoint.file, tensor: name,
                                        expected: tensors[name] == nil ? "present in the state dict" : "\(rank) dimensions, found \(tensors[name]!.shape)")
        }
        return shape
    }

    /// A float32 tensor's values in row-major order.
    public func floats(_ name: String) throws -> [Float] {
        guard let tensor = tensors[name] else {
            throw ImportError.badTensor(file: checkpoint.file, tensor: name, expected: "present in the state dict")
        }
        return try checkpoint.floats(tensor, name: name)
    }
}
