import Foundation

/// Lays out charts and figures into scenes and renders scenes to PNG, PDF and SVG.
///
/// Holds the Pango text measurer; create one per thread and reuse it (fonts are cached).
public final class ChartRenderer {
    public let measurer: TextMeasurer
    public var theme: Theme

    public init(theme: Theme = .light) {
        self.measurer = TextMeasurer()
        self.theme = theme
    }

    /// The drawing commands for `graphic` on a page of `size` points.
    public func scene(_ graphic: some Graphic, size: Size) -> Scene {
        var scene = Scene(size: size)
        scene.append(.path(.rect(Rect(x: 0, y: 0, width: size.width, height: size.height)), PathStyle(fill: theme.background)))
        let result = graphic.layout(in: Rect(x: 0, y: 0, width: size.width, height: size.height), theme: theme, measurer: measurer)
        scene.commands += result.commands
        scene.notes = result.notes
        return scene
    }

    /// The encoded bytes of one scene.
    public func render(_ scene: Scene, as format: OutputFormat) throws -> [UInt8] {
        try CairoDocument.encode([scene], format: format, measurer: measurer)
    }

    /// SVG markup for inline HTML (starts with the `<?xml …?>` declaration, which HTML ignores).
    public func svgString(_ scene: Scene) throws -> String {
        String(decoding: try render(scene, as: .svg), as: UTF8.self)
    }

    /// A multi-page PDF, one page per scene (pages may differ in size).
    public func pdf(pages: [Scene]) throws -> [UInt8] {
        try CairoDocument.encode(pages, format: .pdf, measurer: measurer)
    }

    /// Writes a scene to `path`, the format taken from the extension (.png, .pdf, .svg);
    /// PNGs at `dpi` (default 144 = 2×). Atomic: an existing file is replaced only when complete.
    public func write(_ scene: Scene, to path: String, dpi: Double = 144) throws {
        let format = try OutputFormat.forPath(path, pngScale: dpi / 72)
        try Self.writeAtomically(try render(scene, as: format), to: path)
    }

    /// Writes a multi-page PDF atomically.
    public func writePDF(pages: [Scene], to path: String) throws {
        try Self.writeAtomically(try pdf(pages: pages), to: path)
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ChartError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
