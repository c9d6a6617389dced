import CCairo

/// Memory a `ChartRenderer` reuses between PNG renders: the Cairo image surface (kept while
/// the pixel size stays the same) and the buffer of filtered rows. Fresh multi-megabyte buffers
/// on every render cost about as much in page faults as the encoding itself.
final class RasterScratch {
    private var surface: OpaquePointer?
    private var width: Int32 = 0, height: Int32 = 0
    /// Filtered PNG rows, resized by the encoder when the image size changes.
    var rows: [UInt8] = []

    /// A cleared ARGB32 surface of the given pixel size, owned by this scratch.
    func surface(width: Int32, height: Int32) -> OpaquePointer {
        if let surface, width == self.width, height == self.height {
            let cr = cairo_create(surface)!
            cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR)
            cairo_paint(cr)
            cairo_destroy(cr)
            return surface
        }
        if let surface { cairo_surface_destroy(surface) }
        let fresh = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height)!
        surface = fresh
        self.width = width; self.height = height
        return fresh
    }

    deinit { if let surface { cairo_surface_destroy(surface) } }
}
