import CCairo
import CPangoCairo

/// Measures text with Pango exactly as the canvas will draw it (hint metrics off, unrounded
/// glyph positions), so layout computed once holds for PDF, PNG and SVG alike.
///
/// Owns a Pango font map and context; not thread-safe — use one per thread.
public final class TextMeasurer {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    private let layout: OpaquePointer
    private var descriptions: [Font: OpaquePointer] = [:]
    private var cache: [MeasureKey: TextExtent] = [:]

    private struct MeasureKey: Hashable { let string: String; let font: Font }

    public init() {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        TextMeasurer.configure(context)
        layout = pango_layout_new(context)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        for d in descriptions.values { pango_font_description_free(d) }
    }

    /// Hint metrics off and unrounded positions keep PDF and PNG layouts identical.
    static func configure(_ context: OpaquePointer) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
    }

    func description(for font: Font) -> OpaquePointer {
        if let d = descriptions[font] { return d }
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, font.family)
        pango_font_description_set_absolute_size(d, font.size * 1024)
        pango_font_description_set_weight(d, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        descriptions[font] = d
        return d
    }

    /// The logical extent of one line of `string` in `font`.
    public func measure(_ string: String, font: Font) -> TextExtent {
        let key = MeasureKey(string: string, font: font)
        if let e = cache[key] { return e }
        pango_layout_set_font_description(layout, description(for: font))
        pango_layout_set_text(layout, string, -1)
        let e = TextMeasurer.extent(of: layout)
        cache[key] = e
        return e
    }

    static func extent(of layout: OpaquePointer) -> TextExtent {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return TextExtent(width: Double(logical.width) / 1024, height: Double(logical.height) / 1024,
                          baseline: Double(pango_layout_get_baseline(layout)) / 1024)
    }

    /// A positioned text item measured with this measurer.
    public func text(_ string: String, font: Font, color: Color, at anchor: Point,
                     horizontal: HorizontalAnchor = .start, vertical: VerticalAnchor = .baseline,
                     rotation: Double = 0) -> TextItem {
        TextItem(string, font: font, color: color, at: anchor, horizontal: horizontal, vertical: vertical,
                 rotation: rotation, extent: measure(string, font: font))
    }
}
