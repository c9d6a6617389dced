import Foundation

/// The safetensors file format: an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range (plus a `__metadata__` map of strings), then the
/// raw little-endian data. Slim writes F32 tensors; it reads F32, and I64 converted to Float.
public struct SafeTensors: Sendable, Equatable {
    /// Tensors in file order.
    public var tensors: [(name: String, tensor: Tensor)]
    /// Free-form string metadata (`__metadata__`).
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) {
        self.tensors = tensors; self.metadata = metadata
    }

    public static func == (lhs: SafeTensors, rhs: SafeTensors) -> Bool {
        lhs.metadata == rhs.metadata && lhs.tensors.count == rhs.tensors.count
            && zip(lhs.tensors, rhs.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }

    /// The tensor called `name`, if any.
    public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(Self.quote($0)):\(Self.quote(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + tensor.count * 4
            entries.append("\(Self.quote(name)):{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: header)
        for (_, tensor) in tensors {
            for value in tensor.storage { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        }
        return bytes
    }

    /// Writes the file atomically (temporary file, then rename).
    public func write(to path: String) throws(EngineError) {
        do {
            try Data(encoded()).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads a safetensors file.
    public static func read(path: String) throws(EngineError) -> SafeTensors {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .missingFile(path: path, expected: "a safetensors checkpoint")
        }
        return try decode([UInt8](data), path: path)
    }

    /// Parses the bytes of a safetensors file; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(EngineError) -> SafeTensors {
        guard bytes.count >= 8 else { throw .malformedFile(path: path, reason: "too short for a safetensors header") }
        let rawLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        // Compared as UInt64 so that a length near 2^64 cannot overflow the sum.
        guard rawLength > 0, rawLength <= UInt64(bytes.count - 8) else {
            throw .malformedFile(path: path, reason: "safetensors header length \(rawLength) exceeds the file size \(bytes.count)")
        }
        let headerLength = Int(rawLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)]))
        } catch {
            throw .malformedFile(path: path, reason: "safetensors header is not valid JSON")
        }
        guard let header = json as? [String: Any] else {
            throw .malformedFile(path: path, reason: "safetensors header is not a JSON object")
        }
        let dataStart = 8 + headerLength
        var metadata: [String: String] = [:]
        var found: [(name: String, begin: Int, tensor: Tensor)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                metadata = (value as? [String: String]) ?? [:]
                continue
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw .malformedFile(path: path, reason: "tensor '\(name)' lacks dtype, shape or data_offsets")
            }
            let width = dtype == "F32" ? 4 : dtype == "I64" ? 8 : 0
            guard width > 0 else {
                throw .malformedFile(path: path, reason: "tensor '\(name)' has dtype \(dtype); only F32 and I64 are supported")
            }
            // Every product and sum checked: the shape and offsets are the file's word.
            let available = bytes.count - dataStart
            var count: Int? = shape.allSatisfy { $0 >= 0 } ? 1 : nil
            for extent in shape { count = count.flatMap { c in c.multipliedReportingOverflow(by: extent).overflow ? nil : c * extent } }
            guard let count, count <= available / width, offsets[0] >= 0, offsets[1] >= offsets[0], offsets[1] <= available,
                  offsets[1] - offsets[0] == count * width else {
                throw .malformedFile(path: path, reason: "tensor '\(name)' data_offsets \(offsets) do not match shape \(shape) or the file size")
            }
            let begin = dataStart + offsets[0]
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let at = begin + i * width
                let raw = bytes[at..<(at + width)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                values[i] = width == 4 ? Float(bitPattern: UInt32(raw)) : Float(Int64(bitPattern: raw))
            }
            found.append((name, begin, Tensor(shape: shape, values: values)))
        }
        found.sort { $0.begin < $1.begin }
        return SafeTensors(tensors: found.map { ($0.name, $0.tensor) }, metadata: metadata)
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
