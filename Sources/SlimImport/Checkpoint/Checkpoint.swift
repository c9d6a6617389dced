import Foundation

/// A PyTorch checkpoint file read without Python: the unpickled object tree and the raw
/// storages its tensors point into.
public struct Checkpoint: Sendable {
    /// The serialisation the file uses.
    public enum Format: Sendable, Equatable {
        /// PyTorch ≥1.6: a zip archive with `<root>/data.pkl` and `<root>/data/<key>`.
        case zip(root: String)
        /// Older releases: five pickles back to back, then the raw storages.
        case legacy
    }

    /// The path the checkpoint was read from (used in every error message).
    public let file: String
    public let format: Format
    /// The unpickled top-level object (usually a dict with `state_dict`, `epoch`, `cfg`, …).
    public let root: PickleValue
    private let bytes: [UInt8]
    /// Byte ranges of each storage's data in `bytes`, by storage key.
    private let storages: [String: Range<Int>]

    /// Reads and parses a checkpoint file.
    public init(contentsOf path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ImportError.unreadable(file: path, reason: "it is a directory; give the checkpoint file, e.g. DIR/model_best.pth.tar")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError.unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Parses checkpoint bytes; `file` names them in errors.
    public init(bytes: [UInt8], file: String) throws {
        self.file = file
        self.bytes = bytes
        if ZipArchive.looksLikeZip(bytes) {
            (format, root, storages) = try Self.readZip(bytes, file: file)
        } else if bytes.first == 0x80 {
            (root, storages) = try Self.readLegacy(bytes, file: file)
            format = .legacy
        } else {
            throw ImportError.notACheckpoint(file: file)
        }
    }

    private static func readZip(_ bytes: [UInt8], file: String) throws
        -> (Format, PickleValue, [String: Range<Int>]) {
        let archive = try ZipArchive(bytes: bytes, file: file)
        guard let pickleName = archive.names.first(where: { $0 == "data.pkl" || $0.hasSuffix("/data.pkl") }) else {
            throw ImportError.missingEntry(file: file, entry: "<root>/data.pkl")
        }
        let root = String(pickleName.dropLast("data.pkl".count))
        if archive.contains(root + "byteorder") {
            let order = String(decoding: bytes[try archive.range(of: root + "byteorder")], as: UTF8.self)
            guard order == "little" else { throw ImportError.bigEndian(file: file) }
        }
        let pickleRange = try archive.range(of: pickleName)
        var cursor = ByteCursor(Array(bytes[pickleRange]), file: file)
        let value = try PickleReader.read(&cursor)
        let prefix = root + "data/"
        var storages: [String: Range<Int>] = [:]
        for name in archive.names where name.hasPrefix(prefix) {
            storages[String(name.dropFirst(prefix.count))] = try archive.range(of: name)
        }
        return (.zip(root: String(root.dropLast())), value, storages)
    }

    /// Magic number, protocol version, system info, the object, the storage keys; then per
    /// key an int64 element count and the raw data.
    private static func readLegacy(_ bytes: [UInt8], file: String) throws -> (PickleValue, [String: Range<Int>]) {
        var cursor = ByteCursor(bytes, file: file)
        let magic = try PickleReader.read(&cursor)
        guard magic == .bigInt([0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]) else {
            throw ImportError.wrongMagic(file: file)
        }
        let version = try PickleReader.read(&cursor)
        guard version == .int(1001) else {
            throw ImportError.unsupportedLegacyVersion(file: file, version: "\(version)")
        }
        let systemInfo = try PickleReader.read(&cursor)
        if systemInfo["little_endian"] == .bool(false) { throw ImportError.bigEndian(file: file) }
        let value = try PickleReader.read(&cursor)
        guard case let .list(keys) = try PickleReader.read(&cursor) else {
            throw ImportError.malformedPickle(file: file, offset: cursor.offset, detail: "storage key list is not a list")
        }
        let types = Self.storageTypes(in: value)
        var storages: [String: Range<Int>] = [:]
        for case let .string(key) in keys {
            let count = try cursor.int64("the size of storage \(key)")
            let (size, overflow) = Int(count).multipliedReportingOverflow(by: types[key]?.size ?? 4)
            guard count >= 0, !overflow else {
                throw ImportError.malformedPickle(file: file, offset: cursor.offset - 8, detail: "storage \(key) claims \(count) elements")
            }
            let start = cursor.offset
            _ = try cursor.take(size, "storage \(key)")
            storages[key] = start..<start + size
        }
        return (value, storages)
    }

    /// Element types of the storages the object refers to, by key.
    private static func storageTypes(in value: PickleValue) -> [String: ScalarType] {
        switch value {
        case let .storage(storage): [storage.key: storage.scalarType]
        case let .tensor(tensor): [tensor.storage.key: tensor.storage.scalarType]
        case let .list(items), let .tuple(items):
            items.reduce(into: [:]) { $0.merge(storageTypes(in: $1)) { a, _ in a } }
        case let .dict(entries):
            entries.reduce(into: [:]) { $0.merge(storageTypes(in: $1.value)) { a, _ in a } }
        default: [:]
        }
    }

    /// A float32 tensor's elements in row-major order, strides honoured; `name` is used in errors.
    public func floats(_ tensor: TensorReference, name: String) throws -> [Float] {
        guard tensor.storage.scalarType == .float32 else {
            throw ImportError.unsupportedTensorType(file: file, tensor: name, storage: "torch.\(tensor.storage.scalarType.rawValue)")
        }
        let data = try storageBytes(tensor, name: name)
        return try elementOffsets(tensor, name: name, available: data.count / 4).map { index in
            let start = data.lowerBound + index * 4
            let bits = UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
                | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24
            return Float(bitPattern: bits)
        }
    }

    /// A one-element tensor as a number (float32, float64 or int64), e.g. a saved `best_prec1`.
    public func scalar(_ tensor: TensorReference, name: String) throws -> Double {
        let data = try storageBytes(tensor, name: name)
        let size = tensor.storage.scalarType.size
        guard tensor.elementCount == 1, let index = try elementOffsets(tensor, name: name, available: data.count / size).first else {
            throw ImportError.badTensor(file: file, tensor: name, expected: "a single number")
        }
        let start = data.lowerBound + index * size
        let bits = bytes[start..<start + size].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        switch tensor.storage.scalarType {
        case .float32: return Double(Float(bitPattern: UInt32(bits)))
        case .float64: return Double(bitPattern: bits)
        case .int64: return Double(Int64(bitPattern: bits))
        default:
            throw ImportError.unsupportedTensorType(file: file, tensor: name, storage: "torch.\(tensor.storage.scalarType.rawValue)")
        }
    }

    private func storageBytes(_ tensor: TensorReference, name: String) throws -> Range<Int> {
        guard let range = storages[tensor.storage.key] else {
            throw ImportError.missingEntry(file: file, entry: "storage \(tensor.storage.key) of tensor '\(name)'")
        }
        return range
    }

    /// Storage element indices of every tensor element, in row-major order.
    private func elementOffsets(_ tensor: TensorReference, name: String, available: Int) throws -> [Int] {
        guard tensor.elementCount > 0 else { return [] }
        // Views are checked when unpickled; here they must also fit the storage, and a
        // broadcast (stride 0) may not blow a small storage up into a huge array.
        guard let last = PickleReader.reach(tensor.shape, tensor.strides, tensor.offset), last < available,
              tensor.elementCount <= available else {
            throw ImportError.tensorOutOfBounds(file: file, tensor: name)
        }
        // Innermost dimension first, so the outer loops end up varying slowest.
        var offsets = [tensor.offset]
        for (extent, stride) in zip(tensor.shape, tensor.strides).reversed() where extent != 1 {
            let inner = offsets
            offsets = (0..<extent).flatMap { step in inner.map { $0 + step * stride } }
        }
        return offsets
    }
}
