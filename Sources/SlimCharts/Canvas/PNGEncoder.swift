import CCairo
import SlimGzip

/// Encodes a Cairo image surface as PNG with fast zlib settings.
///
/// Cairo's own PNG writer compresses at libpng's default level, which costs several times
/// the drawing itself for a chart; charts are mostly flat colour, so "Up" filtering with the
/// fastest deflate level is nearly as small and far quicker.
enum PNGEncoder {
    /// `rows` is scratch space for the filtered rows, reused between calls.
    static func encode(surface: OpaquePointer, dpi: Double, rows raw: inout [UInt8]) throws -> [UInt8] {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let rowStride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw ChartError.cairo(status: "no image data") }
        let pixels = { (y: Int) in UnsafeRawPointer(data + y * rowStride).assumingMemoryBound(to: UInt32.self) }
        // Charts on an opaque background need no alpha channel: a quarter less to compress.
        let opaque = (0..<height).allSatisfy { y in
            let line = pixels(y)
            return (0..<width).allSatisfy { line[$0] >> 24 == 255 }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = 1 + width * channels
        if raw.count != rowBytes * height { raw = [UInt8](repeating: 0, count: rowBytes * height) }
        raw.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let line = pixels(y), above = y > 0 ? pixels(y - 1) : nil
                var o = y * rowBytes
                // Filter "Up": flat areas become runs of zeros, which run-length deflate packs quickly.
                out[o] = 2
                o += 1
                for x in 0..<width {
                    let p = line[x], q = above?[x] ?? 0
                    if p == q {
                        for c in 0..<channels { out[o + c] = 0 }
                    } else {
                        let now = straight(p), before = straight(q)
                        for c in 0..<channels { out[o + c] = now[c] &- before[c] }
                    }
                    o += channels
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0]  // 8-bit RGB or RGBA, deflate, adaptive filtering, no interlace
        chunk("IHDR", header, into: &png)
        let perMetre = UInt32((dpi / 0.0254).rounded())
        chunk("pHYs", bigEndian(perMetre) + bigEndian(perMetre) + [1], into: &png)
        chunk("IDAT", try deflate(raw), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// Cairo's premultiplied ARGB as straight (r, g, b, a) bytes, as PNG wants them.
    @inline(__always)
    private static func straight(_ p: UInt32) -> SIMD4<UInt8> {
        let a = p >> 24
        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
        if a != 255 && a != 0 { r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a }
        return SIMD4(UInt8(truncatingIfNeeded: r), UInt8(truncatingIfNeeded: g), UInt8(truncatingIfNeeded: b),
                     UInt8(truncatingIfNeeded: a))
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ body: [UInt8], into png: inout [UInt8]) {
        let typed = Array(type.utf8) + body
        png += bigEndian(UInt32(body.count))
        png += typed
        png += bigEndian(ZlibCompressor.crc32(typed))
    }

    /// A zlib stream (not gzip) of `data`, fastest level with run-length matching.
    private static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        do { return try ZlibCompressor.compress(data, fastest: true, runLength: true) } catch {
            throw ChartError.cairo(status: "PNG compression failed (\(error))")
        }
    }
}
