import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SlimCharts

@Suite("Files")
struct OutputTests {
    let renderer = ChartRenderer()

    var scene: Scene {
        renderer.scene(Chart(title: "Out", x: Axis("x"), y: Axis("y"),
                             marks: [LineMark(x: [0, 1, 2], y: [1, 3, 2], label: "a"),
                                     HeatMapMark(values: [[1, 2], [3, 4]])]), size: Size(width: 300, height: 200))
    }

    func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "slimcharts-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a command and returns its standard output, or nil when it is not installed.
    func run(_ tool: String, _ arguments: [String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(tool) failed")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func pngHasTheAskedPixelSize() throws {
        for (dpi, w, h) in [(144.0, 600, 400), (72.0, 300, 200), (300.0, 1250, 833)] {
            let bytes = try renderer.render(scene, as: .png(scale: dpi / 72))
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            #expect(be32(16) == w && be32(20) == h)
        }
    }

    @Test func reusedRasterMemoryLeavesNothingBehind() throws {
        // One renderer reuses its surface and row buffer: each PNG must equal a fresh renderer's.
        let other = renderer.scene(Chart(title: "Other", marks: [BarMark(categories: ["a", "b"], values: [3, 1])]),
                                   size: Size(width: 300, height: 200))
        let shared = ChartRenderer()
        for (s, scale) in [(scene, 2.0), (other, 2.0), (scene, 1.0), (scene, 2.0)] {
            let reused = try shared.render(s, as: .png(scale: scale))
            #expect(reused == (try ChartRenderer().render(s, as: .png(scale: scale))))
        }
    }

    @Test func pdfOpensWithPdfinfo() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/chart.pdf"
        try renderer.write(scene, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        if let info = try run("/usr/bin/pdfinfo", [path]) {
            #expect(info.contains("Pages:           1"))
            #expect(info.contains("300 x 200 pts"))
        }
        try renderer.writePDF(pages: [scene, scene, scene], to: dir + "/pages.pdf")
        if let info = try run("/usr/bin/pdfinfo", [dir + "/pages.pdf"]) { #expect(info.contains("Pages:           3")) }
        if let fonts = try run("/usr/bin/pdffonts", [path]) { #expect(fonts.contains("DejaVuSans")) }
    }

    @Test func svgParsesAsXML() throws {
        let svg = try renderer.svgString(scene)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("width=\"300pt\""))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
    }

    @Test func svgHeatMapCellsStayCrisp() throws {
        let map = Chart(marks: [HeatMapMark(values: [[0, 1], [1, 0]], rowLabels: ["a", "b"], columnLabels: ["x", "y"])])
        let svg = try renderer.svgString(renderer.scene(map, size: Size(width: 200, height: 160)))
        let images = svg.components(separatedBy: "<image ").count - 1
        #expect(images >= 1)
        #expect(svg.components(separatedBy: "<image style=\"image-rendering:optimizeSpeed;image-rendering:pixelated\" ").count - 1 == images)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test func inlineSVGsHaveDistinctIDs() throws {
        let a = try renderer.svgString(scene)
        let b = try renderer.svgString(renderer.scene(Chart(title: "Other", marks: [BarMark(categories: ["x", "y"], values: [1, 2])]),
                                                      size: Size(width: 200, height: 100)))
        #expect(a.hasPrefix("<svg"))
        func ids(_ s: String) -> Set<String> {
            Set(s.components(separatedBy: "id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
        }
        #expect(!ids(a).isEmpty && ids(a).isDisjoint(with: ids(b)))
        #expect(!a.contains("href=\"#glyph") && !a.contains("url(#clip"))
        #expect(try renderer.svgString(scene, idPrefix: "fig3-").contains("id=\"fig3-"))
        #expect(XMLParser(data: Data(a.utf8)).parse())
    }

    @Test func writeIsAtomicAndNamesTheFormat() throws {
        let dir = try temporaryDirectory()
        #expect(throws: ChartError.unknownFormat(path: dir + "/chart.gif")) { try renderer.write(scene, to: dir + "/chart.gif") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/chart.gif"))
        try renderer.write(scene, to: dir + "/c.svg")
        try renderer.write(scene, to: dir + "/c.svg")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(leftovers == ["c.svg"])
        #expect(throws: ChartError.self) { try renderer.write(scene, to: dir + "/missing/folder/c.png") }
    }

    @Test func invalidSizesAreRefused() {
        let bad = renderer.scene(Chart(marks: []), size: Size(width: 0, height: 100))
        #expect(throws: ChartError.invalidSize(width: 0, height: 100)) { try renderer.render(bad, as: .pdf) }
        #expect(throws: ChartError.noPages) { try renderer.pdf(pages: []) }
    }

    @Test func errorMessages() {
        #expect(ChartError.unknownFormat(path: "a.gif").description
                == "cannot tell the chart format of 'a.gif': use a .png, .pdf or .svg file name")
        #expect(ChartError.invalidSize(width: 0, height: 100).description
                == "chart size 0.0×100.0 pt is not usable: width and height must be positive and finite")
        #expect(ChartError.cannotWrite(path: "/x/c.png", reason: "no such folder").description
                == "cannot write '/x/c.png': no such folder; check that the folder exists and is writable")
        #expect(ChartError.noPages.description == "a PDF document needs at least one page")
        #expect(ChartError.cairo(status: "out of memory").description == "Cairo failed while drawing: out of memory")
    }

    @Test func pdfAndPngShareOneLayout() throws {
        // Layout happens once, before any surface exists: the same scene feeds every format.
        let s = scene
        let a = try renderer.render(s, as: .pdf), b = try renderer.render(s, as: .png(scale: 1))
        #expect(!a.isEmpty && !b.isEmpty)
        let again = renderer.scene(Chart(title: "Out", x: Axis("x"), y: Axis("y"),
                                         marks: [LineMark(x: [0, 1, 2], y: [1, 3, 2], label: "a"),
                                                 HeatMapMark(values: [[1, 2], [3, 4]])]), size: Size(width: 300, height: 200))
        #expect(again.texts.map(\.frame) == s.texts.map(\.frame))
    }
}
