/// Why a PyTorch checkpoint could not be imported. Every message names the file and says what
/// was expected, so the user knows whether the file is broken, unsafe or just unsupported.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// Neither a zip archive nor a pickle stream.
    case notACheckpoint(file: String)
    /// The file ended before a structure it announced was complete.
    case truncated(file: String, what: String)
    /// A zip archive without a readable end-of-central-directory record.
    case brokenZip(file: String, detail: String)
    /// A zip entry is compressed; PyTorch stores entries uncompressed.
    case compressedEntry(file: String, entry: String, method: Int)
    /// A zip archive lacks an entry a checkpoint must have.
    case missingEntry(file: String, entry: String)
    /// The legacy stream does not start with PyTorch's magic number.
    case wrongMagic(file: String)
    /// The legacy stream has a protocol version other than 1001.
    case unsupportedLegacyVersion(file: String, version: String)
    /// The pickle uses an opcode outside the safe subset.
    case unsupportedOpcode(file: String, opcode: UInt8, offset: Int)
    /// The pickle names a global outside the safe subset; it is never imported or called.
    case refusedGlobal(file: String, name: String, offset: Int)
    /// The pickle is structurally wrong (stack underflow, bad persistent id, …).
    case malformedPickle(file: String, offset: Int, detail: String)
    /// A tensor's element type is not float32 (or int64 for counters).
    case unsupportedTensorType(file: String, tensor: String, storage: String)
    /// The checkpoint was written on a big-endian machine.
    case bigEndian(file: String)
    /// A tensor reaches past the end of its storage.
    case tensorOutOfBounds(file: String, tensor: String)
    /// No state dict in the checkpoint.
    case noStateDict(file: String, keys: [String])
    /// The state dict matches none of the supported architectures.
    case unknownArchitecture(file: String, detail: String)
    /// A tensor the architecture needs is missing or has the wrong shape.
    case badTensor(file: String, tensor: String, expected: String)
    /// The saved cfg disagrees with the widths in the state dict.
    case cfgMismatch(file: String, saved: [String], derived: [String])
    /// The BN layers after the convolutions were folded into them (conv biases instead of BN
    /// tensors), so the γ Network Slimming prunes by are gone.
    case foldedBatchNorm(file: String, batchNorms: Int, cfgEntries: Int, bias: String)
    /// The two checkpoints of a pair do not describe the same network.
    case pairMismatch(original: String, pruned: String, detail: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            "\(file): cannot read the file (\(reason))"
        case let .notACheckpoint(file):
            "\(file): not a PyTorch checkpoint; expected a zip archive (PyTorch ≥1.6) or a legacy pickle stream (starting with byte 0x80)"
        case let .truncated(file, what):
            "\(file): the file ends inside \(what); it is truncated, copy it again"
        case let .brokenZip(file, detail):
            "\(file): broken zip archive (\(detail)); expected a complete PyTorch ≥1.6 checkpoint, the file may be truncated"
        case let .compressedEntry(file, entry, method):
            "\(file): zip entry '\(entry)' is compressed (method \(method)); PyTorch checkpoints store entries uncompressed (method 0)"
        case let .missingEntry(file, entry):
            "\(file): zip archive has no '\(entry)'; expected a PyTorch checkpoint with <root>/data.pkl and <root>/data/<key>"
        case let .wrongMagic(file):
            "\(file): wrong magic number; expected PyTorch's legacy checkpoint magic 0x1950a86a20f9469cfc6c"
        case let .unsupportedLegacyVersion(file, version):
            "\(file): legacy checkpoint protocol version \(version); expected 1001"
        case let .unsupportedOpcode(file, opcode, offset):
            "\(file): pickle opcode 0x\(String(opcode, radix: 16)) at byte \(offset) is outside the safe subset used by state dicts; refusing to load"
        case let .refusedGlobal(file, name, offset):
            "\(file): pickle refers to '\(name)' at byte \(offset); only collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch.*Storage are allowed, nothing is executed; refusing to load"
        case let .malformedPickle(file, offset, detail):
            "\(file): malformed pickle at byte \(offset): \(detail)"
        case let .unsupportedTensorType(file, tensor, storage):
            "\(file): tensor '\(tensor)' is stored as \(storage); expected torch.FloatStorage (float32)"
        case let .bigEndian(file):
            "\(file): storages are big-endian; expected a checkpoint saved on a little-endian machine"
        case let .tensorOutOfBounds(file, tensor):
            "\(file): tensor '\(tensor)' reaches past the end of its storage"
        case let .noStateDict(file, keys):
            "\(file): no state dict found (top-level keys: \(keys.joined(separator: ", "))); expected a 'state_dict' entry or a dict of tensors"
        case let .unknownArchitecture(file, detail):
            "\(file): \(detail); expected a network-slimming VGG (feature.N), pre-activation ResNet (layerN.M.bn1 … select) or DenseNet (denseN.M, transN); pass --arch to choose"
        case let .badTensor(file, tensor, expected):
            "\(file): tensor '\(tensor)': expected \(expected)"
        case let .cfgMismatch(file, saved, derived):
            "\(file): saved cfg [\(saved.joined(separator: ", "))] disagrees with the state dict's widths [\(derived.joined(separator: ", "))]"
        case let .foldedBatchNorm(file, batchNorms, cfgEntries, bias):
            "\(file): \(batchNorms) BN layers for \(cfgEntries) cfg entries, and the convolutions have biases ('\(bias)'): the BN layers after the convolutions were folded into them before saving, and their γ, which Network Slimming prunes by, with them; import the checkpoint saved before folding (main.py's model_best.pth.tar, or the pruned.pth.tar of the pruning script)"
        case let .pairMismatch(original, pruned, detail):
            "\(pruned) is not a pruned version of \(original): \(detail)"
        }
    }
}
