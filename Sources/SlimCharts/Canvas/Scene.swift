/// A laid-out chart: an inspectable list of drawing commands on a page of a given size.
///
/// Layout produces a `Scene`; a `CairoCanvas` draws it. Tests inspect scenes without pixels.
public struct Scene: Sendable {
    public var size: Size
    public var commands: [DrawCommand]
    /// Remarks from layout, such as how many non-finite values were dropped.
    public var notes: [String]

    public init(size: Size, commands: [DrawCommand] = [], notes: [String] = []) {
        self.size = size; self.commands = commands; self.notes = notes
    }

    public mutating func append(_ command: DrawCommand) { commands.append(command) }

    /// Every text item, in drawing order.
    public var texts: [TextItem] {
        commands.compactMap { if case .text(let t) = $0 { return t } else { return nil } }
    }
}

/// One drawing operation.
public enum DrawCommand: Sendable {
    case path(Path, PathStyle)
    case text(TextItem)
    case image(RasterImage, Rect)
    /// Restricts following commands to a rectangle until the matching `.popClip`.
    case pushClip(Rect)
    case popClip
    /// An invisible region that describes the data under it (a point's or a bar's exact value):
    /// nothing in PDF and PNG; a hover `<title>` in SVG made for HTML (`svgString(_:idPrefix:label:)`).
    case hint(Rect, String)
}

/// A path made of straight segments and rectangles.
public struct Path: Sendable {
    public enum Element: Sendable {
        case move(Point)
        case line(Point)
        case rect(Rect)
        case circle(Point, radius: Double)
        case close
    }
    public var elements: [Element]
    public init(_ elements: [Element] = []) { self.elements = elements }

    public static func rect(_ r: Rect) -> Path { Path([.rect(r)]) }
    public static func segment(_ a: Point, _ b: Point) -> Path { Path([.move(a), .line(b)]) }

    /// A polyline through the points; a non-finite point breaks the line.
    public static func polyline(_ points: [Point]) -> Path {
        var elements: [Element] = []
        elements.reserveCapacity(points.count)
        var pen = false
        for p in points {
            guard p.x.isFinite && p.y.isFinite else { pen = false; continue }
            elements.append(pen ? .line(p) : .move(p))
            pen = true
        }
        return Path(elements)
    }

    /// The points the path visits (rectangle corners and circle centres included).
    public var vertices: [Point] {
        elements.flatMap { e -> [Point] in
            switch e {
            case .move(let p), .line(let p), .circle(let p, _): return [p]
            case .rect(let r): return [Point(r.minX, r.minY), Point(r.maxX, r.maxY), Point(r.midX, r.midY)]
            case .close: return []
            }
        }
    }
}

/// How a path is painted: filled, stroked, or both.
public struct PathStyle: Sendable {
    public var fill: Color?
    public var stroke: Color?
    public var lineWidth: Double
    public var dash: [Double]
    public var roundJoins: Bool

    public init(fill: Color? = nil, stroke: Color? = nil, lineWidth: Double = 1, dash: [Double] = [], roundJoins: Bool = true) {
        self.fill = fill; self.stroke = stroke; self.lineWidth = lineWidth; self.dash = dash; self.roundJoins = roundJoins
    }
}

/// A font request; the family falls back through fontconfig when missing.
public struct Font: Hashable, Sendable {
    public var family: String
    public var size: Double
    public var bold: Bool
    public init(family: String = "DejaVu Sans", size: Double, bold: Bool = false) {
        self.family = family; self.size = size; self.bold = bold
    }
}

/// Where the anchor point sits on a text's box.
public enum HorizontalAnchor: Sendable { case start, middle, end }
public enum VerticalAnchor: Sendable { case top, middle, baseline, bottom }

/// A measured, positioned piece of text.
public struct TextItem: Sendable {
    public var string: String
    public var font: Font
    public var color: Color
    public var anchor: Point
    public var horizontal: HorizontalAnchor
    public var vertical: VerticalAnchor
    /// Rotation about the anchor in degrees, counter-clockwise positive.
    public var rotation: Double
    /// The measured size of the unrotated text.
    public var extent: TextExtent

    public init(_ string: String, font: Font, color: Color, at anchor: Point, horizontal: HorizontalAnchor = .start,
                vertical: VerticalAnchor = .baseline, rotation: Double = 0, extent: TextExtent) {
        self.string = string; self.font = font; self.color = color; self.anchor = anchor
        self.horizontal = horizontal; self.vertical = vertical; self.rotation = rotation; self.extent = extent
    }

    /// The offset from the anchor to the text's top-left corner, in the text's own frame.
    var originOffset: Point {
        let dx: Double = switch horizontal { case .start: 0; case .middle: -extent.width / 2; case .end: -extent.width }
        let dy: Double = switch vertical {
        case .top: 0
        case .middle: -extent.height / 2
        case .baseline: -extent.baseline
        case .bottom: -extent.height
        }
        return Point(dx, dy)
    }

    /// The four page-space corners of the (possibly rotated) text box, in order around it.
    public var corners: [Point] {
        let o = originOffset
        let local = [Point(o.x, o.y), Point(o.x + extent.width, o.y),
                     Point(o.x + extent.width, o.y + extent.height), Point(o.x, o.y + extent.height)]
        let a = -rotation * Double.pi / 180
        let c = cos(a), s = sin(a)
        return local.map { Point(anchor.x + $0.x * c - $0.y * s, anchor.y + $0.x * s + $0.y * c) }
    }

    /// The page-space bounding box of the (possibly rotated) text.
    public var frame: Rect {
        let points = corners
        let xs = points.map(\.x), ys = points.map(\.y)
        let x0 = xs.min()!, y0 = ys.min()!
        return Rect(x: x0, y: y0, width: xs.max()! - x0, height: ys.max()! - y0)
    }
}

/// The logical size of a line of text and the distance from its top to the baseline.
public struct TextExtent: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public var baseline: Double
    public init(width: Double, height: Double, baseline: Double) {
        self.width = width; self.height = height; self.baseline = baseline
    }
}

/// Straight RGBA pixels for heat maps, drawn without smoothing.
public struct RasterImage: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major, top row first.
    public var pixels: [Color]
    public init(width: Int, height: Int, pixels: [Color]) {
        precondition(pixels.count == width * height, "RasterImage needs width × height pixels")
        self.width = width; self.height = height; self.pixels = pixels
    }
}

import Foundation
