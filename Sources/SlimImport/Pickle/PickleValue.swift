/// A value decoded from the safe pickle subset. Nothing here can run code: the only objects
/// a pickle can build are these plain values, ordered dicts, storages and tensor references.
public indirect enum PickleValue: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer wider than 64 bits (e.g. the legacy magic number), little-endian two's complement.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PickleValue])
    case tuple([PickleValue])
    /// A dict or OrderedDict, keys in insertion order.
    case dict([DictEntry])
    case storage(StorageReference)
    case tensor(TensorReference)

    public struct DictEntry: Sendable, Equatable {
        public var key: PickleValue
        public var value: PickleValue
    }

    /// The value stored under a string key, when this is a dict.
    public subscript(key: String) -> PickleValue? {
        guard case let .dict(entries) = self else { return nil }
        return entries.first { $0.key == .string(key) }?.value
    }

    /// The string keys of a dict, in order.
    public var stringKeys: [String] {
        guard case let .dict(entries) = self else { return [] }
        return entries.compactMap { if case let .string(key) = $0.key { key } else { nil } }
    }

    /// A number as Double (int, float or bool).
    public var number: Double? {
        switch self {
        case let .int(value): Double(value)
        case let .float(value): value
        case let .bool(value): value ? 1 : 0
        default: nil
        }
    }
}

/// A typed storage named by a persistent id: `('storage', torch.FloatStorage, key, location, numel)`.
public struct StorageReference: Sendable, Equatable {
    /// The storage's key: its zip entry `data/<key>` or its position in the legacy key list.
    public var key: String
    public var scalarType: ScalarType
    /// Elements in the storage.
    public var count: Int
}

/// A tensor view into a storage, as `torch._utils._rebuild_tensor_v2` describes it.
public struct TensorReference: Sendable, Equatable {
    public var storage: StorageReference
    /// Offset in elements from the start of the storage.
    public var offset: Int
    public var shape: [Int]
    /// Element strides per dimension.
    public var strides: [Int]
    public var elementCount: Int { shape.reduce(1, *) }
}

/// Element types of PyTorch storages, named after their storage classes.
public enum ScalarType: String, Sendable, CaseIterable {
    case float32 = "FloatStorage", float64 = "DoubleStorage", float16 = "HalfStorage"
    case bfloat16 = "BFloat16Storage", int64 = "LongStorage", int32 = "IntStorage"
    case int16 = "ShortStorage", int8 = "CharStorage", uint8 = "ByteStorage", bool = "BoolStorage"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16, .int16: 2
        case .int8, .uint8, .bool: 1
        }
    }
}
