import CCairo
import CPangoCairo
import Foundation

/// Draws scenes through Cairo and Pango. The only type, with `TextMeasurer` and
/// `CairoDocument`, that touches Cairo and Pango pointers.
struct CairoCanvas {
    let cr: OpaquePointer
    let measurer: TextMeasurer

    func draw(_ scene: Scene) {
        let pango = pango_cairo_create_context(cr)!
        TextMeasurer.configure(pango)
        defer { g_object_unref(UnsafeMutableRawPointer(pango)) }
        let layout = pango_layout_new(pango)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        for command in scene.commands {
            switch command {
            case .path(let path, let style): draw(path, style)
            case .text(let item): draw(item, layout: layout, pango: pango)
            case .image(let image, let rect): draw(image, in: rect)
            case .pushClip(let r):
                cairo_save(cr)
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                cairo_clip(cr)
            case .popClip:
                cairo_restore(cr)
            case .hint: break
            }
        }
    }

    private func setColor(_ c: Color) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }

    private func draw(_ path: Path, _ style: PathStyle) {
        cairo_new_path(cr)
        for e in path.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .rect(let r): cairo_rectangle(cr, r.x, r.y, r.width, r.height)
            case .circle(let p, let radius):
                cairo_new_sub_path(cr)
                cairo_arc(cr, p.x, p.y, radius, 0, 2 * Double.pi)
                cairo_close_path(cr)
            case .close: cairo_close_path(cr)
            }
        }
        if let fill = style.fill {
            setColor(fill)
            if style.stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke = style.stroke {
            setColor(stroke)
            cairo_set_line_width(cr, style.lineWidth)
            cairo_set_line_join(cr, style.roundJoins ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER)
            cairo_set_line_cap(cr, style.roundJoins ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
            style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
            cairo_stroke(cr)
        }
    }

    private func draw(_ item: TextItem, layout: OpaquePointer, pango: OpaquePointer) {
        guard item.anchor.x.isFinite, item.anchor.y.isFinite else { return }
        pango_layout_set_font_description(layout, measurer.description(for: item.font))
        pango_layout_set_text(layout, item.string, -1)
        setColor(item.color)
        cairo_save(cr)
        cairo_translate(cr, item.anchor.x, item.anchor.y)
        if item.rotation != 0 { cairo_rotate(cr, -item.rotation * Double.pi / 180) }
        let o = item.originOffset
        cairo_move_to(cr, o.x, o.y)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }

    private func draw(_ image: RasterImage, in rect: Rect) {
        // A collapsed rectangle would make Cairo's scale matrix singular.
        guard image.width > 0, image.height > 0, rect.width > 1e-6, rect.height > 1e-6 else { return }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height))!
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return }
        for row in 0..<image.height {
            let line = UnsafeMutableRawPointer(data + row * stride).assumingMemoryBound(to: UInt32.self)
            for col in 0..<image.width {
                let c = image.pixels[row * image.width + col]
                let a = c.alpha
                func byte(_ v: Double) -> UInt32 { UInt32((min(1, max(0, v)) * 255).rounded()) }
                line[col] = byte(a) << 24 | byte(c.red * a) << 16 | byte(c.green * a) << 8 | byte(c.blue * a)
            }
        }
        cairo_surface_mark_dirty(surface)
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_paint(cr)
        cairo_restore(cr)
    }
}
