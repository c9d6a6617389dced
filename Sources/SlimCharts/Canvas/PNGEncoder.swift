import CCairo
import CZlib

/// Encodes a Cairo image surface as PNG with fast zlib settings.
///
/// Cairo's own PNG writer compresses at libpng's default level, which costs several times
/// the drawing itself for a chart; charts are mostly flat colour, so "Up" filtering with the
/// fastest deflate level is nearly as small and far quicker.
enum PNGEncoder {
    static func encode(surface: OpaquePointer, dpi: Double) throws -> [UInt8] {
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
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        var rows = [UInt8](repeating: 0, count: 2 * width * channels)
        raw.withUnsafeMutableBufferPointer { out in
            rows.withUnsafeMutableBufferPointer { both in
                // Two straight-colour rows (current, previous) swap roles each line.
                var current = both.baseAddress!, previous = both.baseAddress! + width * channels
                for y in 0..<height {
                    let line = pixels(y)
                    var o = 0
                    for x in 0..<width {
                        let p = line[x]
                        let a = p >> 24
                        var r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                        // Cairo stores premultiplied colour; PNG wants it straight.
                        if a != 255 && a != 0 { r = (r * 255 + a / 2) / a; g = (g * 255 + a / 2) / a; b = (b * 255 + a / 2) / a }
                        current[o] = UInt8(truncatingIfNeeded: r); current[o + 1] = UInt8(truncatingIfNeeded: g)
                        current[o + 2] = UInt8(truncatingIfNeeded: b)
                        if !opaque { current[o + 3] = UInt8(truncatingIfNeeded: a) }
                        o += channels
                    }
                    // Filter "Up": flat areas become runs of zeros, which run-length deflate packs quickly.
                    let base = y * rowBytes
                    out[base] = 2
                    for i in 0..<(width * channels) { out[base + 1 + i] = current[i] &- (y > 0 ? previous[i] : 0) }
                    swap(&current, &previous)
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

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func chunk(_ type: String, _ body: [UInt8], into png: inout [UInt8]) {
        let typed = Array(type.utf8) + body
        png += bigEndian(UInt32(body.count))
        png += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    /// A zlib stream (not gzip) of `data`, fastest level with run-length matching.
    private static func deflate(_ data: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, 15, 8, Z_RLE, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ChartError.cairo(status: "PNG compression could not start (zlib)")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 16)
        let status: Int32 = data.withUnsafeBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                // zlib only reads the input; its API just lacks the const.
                stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ChartError.cairo(status: "PNG compression failed (zlib \(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }
}
