import Foundation
import SlimCharts

/// chart-gallery -o DIR   writes every chart type as PNG, SVG and PDF plus gallery.pdf
/// chart-gallery bench [FILTER]   prints a table of rendering times (cases matching FILTER, e.g. png)
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: chart-gallery -o DIR | chart-gallery bench [FILTER]"

do {
    switch arguments.first {
    case "-o" where arguments.count == 2:
        try writeGallery(to: arguments[1])
    case "bench" where arguments.count <= 2:
        try Benchmark.run(filter: arguments.dropFirst().first)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("chart-gallery: \(error)\n".utf8))
    exit(1)
}

func writeGallery(to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var pages: [Scene] = []
    for item in GalleryCharts.all() {
        let renderer = ChartRenderer(theme: item.theme)
        let scene = renderer.scene(item.graphic, size: item.size)
        for ext in ["png", "svg", "pdf"] {
            try renderer.write(scene, to: "\(directory)/gallery-\(item.name).\(ext)")
        }
        pages.append(scene)
        print("gallery-\(item.name)  \(scene.notes.joined(separator: "; "))")
    }
    try ChartRenderer().writePDF(pages: pages, to: "\(directory)/gallery.pdf")
    print("\(pages.count) charts and gallery.pdf in \(directory)")
}
