import Foundation

extension ChartRenderer {
    /// SVG made for a web page. Cairo's SVG surface draws Pango text as glyph outlines, which
    /// cannot be searched, selected or read aloud; here every text of the scene is written as
    /// an SVG `<text>` element instead, at the position and width Pango measured (so the layout
    /// is the same), hints become hover `<title>`s, and the chart gets `role="img"` and an
    /// `aria-label`. Ids are prefixed as in `svgString(_:idPrefix:)`.
    ///
    /// With `dark` (the same graphic laid out in a dark theme), every colour of the renderer's
    /// theme (background, text, axes, grid, annotation, palette) is written as a CSS variable
    /// with that colour as fallback (`var(--slim-text, rgb(…))`), so a page can restyle its
    /// charts for dark mode with `ChartRenderer.cssVariables(for:)`. Texts are paired with the
    /// dark layout's one by one: a text whose colour is the same in both (a white percentage on
    /// a dark heat-map cell) keeps it, although white is also the light background's colour.
    public func htmlSVG(_ scene: Scene, dark: Scene? = nil, idPrefix: String, label: String) throws -> String {
        var shapes = scene
        shapes.commands = scene.commands.filter {
            switch $0 { case .text, .hint: false; default: true }
        }
        var svg = Self.roundingPathData(try svgString(shapes, idPrefix: idPrefix))
        let names = dark == nil ? [] : Self.themeColors(theme)
        for (name, color) in names {
            svg = svg.replacingOccurrences(of: ":" + Self.cairoRGB(color), with: ":var(--slim-\(name),\(Self.cairoRGB(color)))")
        }
        let texts = scene.texts, darkTexts = dark?.texts ?? []
        var extra = "<g class=\"chart-text\">"
        for (i, t) in texts.enumerated() {
            // Without a pair (a layout that differs in its texts) only text-like colours follow.
            let follows = darkTexts.count == texts.count ? darkTexts[i].color != t.color : t.color != theme.plotBackground
            let name = follows ? names.first { $0.1 == t.color }?.0 : nil
            extra += Self.svgText(t, variable: name)
        }
        extra += "</g><g class=\"chart-hints\">"
        for case .hint(let r, let text) in scene.commands {
            extra += "<rect x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\" "
                + "fill=\"transparent\"><title>\(text.xmlEscaped)</title></rect>"
        }
        extra += "</g>"
        if let end = svg.range(of: "</svg>", options: .backwards) { svg.insert(contentsOf: extra, at: end.lowerBound) }
        if let open = svg.range(of: "<svg") {
            svg.insert(contentsOf: " role=\"img\" aria-label=\"\(label.xmlEscaped)\"", at: open.upperBound)
        }
        return svg
    }

    /// `svg` with the numbers of every path's `d` attribute cut to one decimal, and a ".0"
    /// dropped: Cairo writes six decimals, and a tenth of a point (0.13 CSS px at natural size)
    /// is below what a screen shows, while the digits are a fifth of a report's bytes.
    static func roundingPathData(_ svg: String) -> String {
        let bytes = Array(svg.utf8), marker = Array(" d=\"".utf8)
        let quote = UInt8(ascii: "\""), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inPath = false, decimals = -1
        for b in bytes {
            if !inPath {
                out.append(b)
                if b == quote, out.count >= marker.count, out.suffix(marker.count).elementsEqual(marker) { inPath = true }
            } else if b == dot {
                decimals = 0   // written with its first decimal, unless that is 0
            } else if b >= zero && b <= nine && decimals >= 0 {
                decimals += 1
                if decimals == 1 && b != zero { out += [dot, b] }
            } else {
                if b == quote { inPath = false }
                decimals = -1; out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One text item as an SVG `<text>`: baseline-anchored at Pango's origin, rotated about its
    /// anchor, stretched to Pango's measured width so it occupies exactly the space laid out;
    /// with `variable`, its colour is that theme colour's CSS variable.
    static func svgText(_ t: TextItem, variable: String? = nil) -> String {
        let o = t.originOffset
        let x = t.anchor.x + o.x, y = t.anchor.y + o.y + t.extent.baseline
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"\(t.font.family.xmlEscaped), sans-serif\" font-size=\"\(n(t.font.size))\""
        if t.font.bold { attributes += " font-weight=\"bold\"" }
        let fill = variable.map { "var(--slim-\($0),\(cairoRGB(t.color)))" } ?? cairoRGB(t.color)
        attributes += " style=\"fill:\(fill)\(t.color.alpha < 1 ? ";fill-opacity:\(n(t.color.alpha))" : "")\""
        if t.extent.width > 0 { attributes += " textLength=\"\(n(t.extent.width))\" lengthAdjust=\"spacingAndGlyphs\"" }
        if t.rotation != 0 { attributes += " transform=\"rotate(\(n(-t.rotation)) \(n(t.anchor.x)) \(n(t.anchor.y)))\"" }
        return "<text \(attributes) xml:space=\"preserve\">\(t.string.xmlEscaped)</text>"
    }

    /// The theme's named colours, most specific first (white serves both backgrounds).
    static func themeColors(_ theme: Theme) -> [(String, Color)] {
        var named: [(String, Color)] = [("text", theme.text), ("muted", theme.mutedText), ("axis", theme.axisLine),
                                        ("grid", theme.grid), ("annotation", theme.annotation), ("bg", theme.plotBackground)]
        for i in theme.palette.colors.indices { named.append(("c\(i)", theme.palette[i])) }
        var seen: Set<String> = []
        return named.filter { seen.insert(cairoRGB($0.1)).inserted }
    }

    /// CSS custom properties that give `theme`'s colours to charts written with
    /// `themeVariables` (by position: text, axes, grid, palette …).
    public static func cssVariables(for theme: Theme) -> String {
        ["text": theme.text, "muted": theme.mutedText, "axis": theme.axisLine, "grid": theme.grid,
         "annotation": theme.annotation, "bg": theme.plotBackground]
            .sorted { $0.key < $1.key }.map { "--slim-\($0.key):\($0.value.hexString);" }.joined()
            + theme.palette.colors.indices.map { "--slim-c\($0):\(theme.palette[$0].hexString);" }.joined()
    }

    /// A colour as Cairo's SVG surface writes it: `rgb(13.333333%,13.333333%,13.333333%)`.
    static func cairoRGB(_ c: Color) -> String {
        func part(_ v: Double) -> String {
            var s = String(format: "%f", Swift.min(1, Swift.max(0, v)) * 100)
            if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
            return s + "%"
        }
        return "rgb(\(part(c.red)),\(part(c.green)),\(part(c.blue)))"
    }

    /// A coordinate with at most two decimals.
    static func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

extension String {
    /// `self` with `& < > " '` replaced by entities, safe in XML/HTML element content and quoted
    /// attributes (text from a log is untrusted).
    public var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters (a terminal escape in a layer name) are not allowed in XML
            // and must not reach a page raw: U+FFFD, as a browser shows undecodable bytes.
            case _ where c.properties.generalCategory == .control && c != "\n" && c != "\t": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
