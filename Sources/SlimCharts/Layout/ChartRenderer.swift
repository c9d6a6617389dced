import Foundation

/// Lays out charts and figures into scenes and renders scenes to PNG, PDF and SVG.
///
/// Holds the Pango text measurer and the raster buffers; create one per thread and reuse it
/// (fonts are cached, PNG memory is reused).
public final class ChartRenderer {
    public let measurer: TextMeasurer
    public var theme: Theme
    private let scratch = RasterScratch()

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
        try CairoDocument.encode([scene], format: format, measurer: measurer, scratch: scratch)
    }

    /// SVG markup for inline HTML: no XML declaration, and every internal id (glyphs, clips,
    /// images) prefixed so several charts can share one HTML page without their definitions
    /// colliding. The default prefix is derived from the content, so it is stable and differs
    /// between different charts.
    public func svgString(_ scene: Scene, idPrefix: String? = nil) throws -> String {
        let bytes = try render(scene, as: .svg)
        var body = bytes[...]
        if body.starts(with: Array("<?xml".utf8)), let end = body.firstIndex(of: UInt8(ascii: "\n")) {
            body = body[body.index(after: end)...]
        }
        let prefix = idPrefix ?? "c" + String(Self.fingerprint(bytes), radix: 36) + "-"
        let prefixed = Array(body).inserting(prefix, after: "id=\"").inserting(prefix, after: "href=\"#")
            .inserting(prefix, after: "url(#")
        return String(decoding: prefixed, as: UTF8.self)
    }

    /// FNV-1a, 64 bits.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf29ce484222325) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
    }

    /// A multi-page PDF, one page per scene (pages may differ in size).
    public func pdf(pages: [Scene]) throws -> [UInt8] {
        try CairoDocument.encode(pages, format: .pdf, measurer: measurer, scratch: scratch)
    }

    /// Writes a scene to `path`, the format taken from the extension (.png, .pdf, .svg);
    /// PNGs at `dpi` (default 144 = 2×). Atomic: an existing file is replaced only when complete.
    public func write(_ scene: Scene, to path: String, dpi: Double = 144) throws {
        let format = try OutputFormat.forPath(path, pngScale: dpi / 72)
        try AtomicFile.write(try render(scene, as: format), to: path)
    }

    /// Writes a multi-page PDF atomically.
    public func writePDF(pages: [Scene], to path: String) throws {
        try AtomicFile.write(try pdf(pages: pages), to: path)
    }
}
