import Foundation

/// What tells one CPU from another when a per-machine choice is cached: vendor, family,
/// model and stepping from /proc/cpuinfo, plus a hash of the feature flags (virtual machines
/// expose different subsets of one CPU's features). The model name alone is not enough:
/// cloud machines report just "AMD EPYC" for Zen 3, 4 and 5 alike.
public struct CPUIdentity: Sendable, Equatable {
    public var vendor: String
    public var family: String
    public var model: String
    public var stepping: String
    public var flags: Set<String>

    /// The identity described by the text of /proc/cpuinfo (its first processor); fields it
    /// lacks are `unknown`.
    public init(cpuinfo text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty && !fields.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            if fields[key] == nil { fields[key] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        vendor = fields["vendor_id"] ?? "unknown"
        family = fields["cpu family"] ?? "unknown"
        model = fields["model"] ?? "unknown"
        stepping = fields["stepping"] ?? "unknown"
        flags = Set((fields["flags"] ?? "").split(separator: " ").map(String.init))
    }

    /// This machine's CPU (all fields `unknown` where /proc/cpuinfo does not exist).
    public static var current: CPUIdentity {
        CPUIdentity(cpuinfo: (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
    }

    /// A file-name-safe key, e.g. `AuthenticAMD-25-1-1-9c2f41d07a3b5e68`.
    public var cacheKey: String {
        // FNV-1a over the sorted flags: stable across runs and Swift versions, unlike Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in flags.sorted().joined(separator: " ").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let parts = [vendor, family, model, stepping].map { part in
            String(part.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        }
        return (parts + [String(hash, radix: 16)]).joined(separator: "-")
    }
}
