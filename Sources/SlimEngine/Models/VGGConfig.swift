import Foundation

/// A VGG network as data: a list of widths (each a 3×3 convolution + BatchNorm + ReLU) and
/// `M` (a 2×2 max-pool). A slimmed network is the same list with smaller widths.
public struct VGGConfig: Sendable, Equatable, CustomStringConvertible {
    public enum Item: Sendable, Equatable {
        /// A 3×3 convolution to this many channels, BatchNorm, ReLU.
        case conv(Int)
        /// A 2×2 max-pool with stride 2.
        case maxPool
    }

    public var items: [Item]

    public init(_ items: [Item]) { self.items = items }

    /// Parses `32,32,M,64` (spaces allowed). Widths must be positive integers.
    public init(parsing text: String) throws(EngineError) {
        var items: [Item] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = raw.trimmingCharacters(in: .whitespaces)
            if token == "M" || token == "m" {
                items.append(.maxPool)
            } else if let width = Int(token), width > 0 {
                items.append(.conv(width))
            } else {
                throw .invalidConfig(text, reason: "'\(token)' is neither a positive width nor M")
            }
        }
        guard items.contains(where: { if case .conv = $0 { true } else { false } }) else {
            throw .invalidConfig(text, reason: "it has no convolution widths")
        }
        self.items = items
    }

    /// The preset of this name: `vgg11`, `vgg13`, `vgg16`, `vgg19` (CIFAR, the paper's layout,
    /// ending in a global average pool) or `mnist-small`, `mnist-vgg` (ending in `M`).
    public static func preset(_ name: String) -> VGGConfig? {
        presets[name].map { try! VGGConfig(parsing: $0) }
    }

    /// Names of the presets, in a stable order.
    public static let presetNames = ["vgg11", "vgg13", "vgg16", "vgg19", "mnist-small", "mnist-vgg"]

    private static let presets: [String: String] = [
        "vgg11": "64,M,128,M,256,256,M,512,512,M,512,512",
        "vgg13": "64,64,M,128,128,M,256,256,M,512,512,M,512,512",
        "vgg16": "64,64,M,128,128,M,256,256,256,M,512,512,512,M,512,512,512",
        "vgg19": "64,64,M,128,128,M,256,256,256,256,M,512,512,512,512,M,512,512,512,512",
        "mnist-small": "16,M,32,M,64,64,M",
        "mnist-vgg": "32,32,M,64,64,M,128,128,M",
    ]

    /// The convolution widths in order.
    public var widths: [Int] {
        items.compactMap { if case let .conv(w) = $0 { w } else { nil } }
    }

    /// Whether the classifier reads flattened features (cfg ends in `M`) rather than a global
    /// average pool.
    public var endsWithPool: Bool { items.last == .maxPool }

    /// The same layout with the convolution widths replaced, in order.
    public func withWidths(_ newWidths: [Int]) -> VGGConfig {
        precondition(newWidths.count == widths.count, "withWidths: \(newWidths.count) widths for \(widths.count) convolutions")
        var next = newWidths.makeIterator()
        return VGGConfig(items.map { item in
            if case .conv = item { .conv(next.next()!) } else { .maxPool }
        })
    }

    /// The cfg as the run log records it: widths as numbers, `M` as a string.
    public var logItems: [String] {
        items.map { if case let .conv(w) = $0 { String(w) } else { "M" } }
    }

    /// `32,32,M,64`.
    public var description: String { logItems.joined(separator: ",") }
}
