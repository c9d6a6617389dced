import CCairo
import Foundation

/// The file formats SlimCharts writes.
public enum OutputFormat: Sendable, Equatable {
    /// A raster image; `scale` pixels per point (2 = 144 DPI, crisp on high-density screens).
    case png(scale: Double)
    case pdf
    case svg

    /// The format named by a path's extension, PNG at `scale`.
    public static func forPath(_ path: String, pngScale: Double = 2) throws -> OutputFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return .png(scale: pngScale)
        case "pdf": return .pdf
        case "svg": return .svg
        default: throw ChartError.unknownFormat(path: path)
        }
    }
}

/// Collects bytes Cairo streams out, so files are written whole (temp file + rename).
private final class ByteSink {
    var bytes: [UInt8] = []
}

private let appendToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// Renders scenes to encoded bytes through Cairo surfaces.
enum CairoDocument {
    static func validate(_ size: Size) throws {
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw ChartError.invalidSize(width: size.width, height: size.height)
        }
    }

    static func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ChartError.cairo(status: String(cString: cairo_status_to_string(status)))
        }
    }

    /// Encodes `scenes` as one document; PNG and SVG take exactly one scene. PNGs draw into
    /// `scratch`'s surface, which outlives the call.
    static func encode(_ scenes: [Scene], format: OutputFormat, measurer: TextMeasurer, scratch: RasterScratch) throws -> [UInt8] {
        guard let first = scenes.first else { throw ChartError.noPages }
        for s in scenes { try validate(s.size) }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer
        switch format {
        case .png(let scale):
            surface = cairo_surface_reference(scratch.surface(width: Int32((first.size.width * scale).rounded()),
                                                              height: Int32((first.size.height * scale).rounded())))
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(appendToSink, closure, first.size.width, first.size.height)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "SlimCharts")
        case .svg:
            surface = cairo_svg_surface_create_for_stream(appendToSink, closure, first.size.width, first.size.height)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
        }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))
        let pages: [Scene]
        if case .pdf = format { pages = scenes } else { pages = [first] }
        for (index, scene) in pages.enumerated() {
            if case .pdf = format, index > 0 {
                cairo_pdf_surface_set_size(surface, scene.size.width, scene.size.height)
            }
            let cr = cairo_create(surface)!
            if case .png(let scale) = format {
                cairo_scale(cr, scale, scale)
                // At two or more pixels per point, 4×4 supersampling of shapes looks the same as
                // Cairo's default 256-level coverage and rasterizes about twice as fast; text keeps
                // its own (font option) antialiasing.
                if scale >= 2 { cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST) }
            }
            CairoCanvas(cr: cr, measurer: measurer).draw(scene)
            let status = cairo_status(cr)
            if case .png = format {} else { cairo_show_page(cr) }
            cairo_destroy(cr)
            try check(status)
        }
        if case .png(let scale) = format {
            return try PNGEncoder.encode(surface: surface, dpi: 72 * scale, rows: &scratch.rows)
        }
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        if case .svg = format { return Self.crispImages(sink.bytes) }
        return sink.bytes
    }

    /// Cairo's SVG drops the nearest-neighbour filter of images (heat-map cells), so viewers
    /// would blur neighbouring cells into a gradient; each `<image>` is told to stay crisp.
    static func crispImages(_ svg: [UInt8]) -> [UInt8] {
        svg.inserting("style=\"image-rendering:optimizeSpeed;image-rendering:pixelated\" ", after: "<image ")
    }
}
