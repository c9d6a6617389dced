import Foundation
import SlimCharts

/// Times layout + rendering of typical charts; prints medians over repeated runs.
enum Benchmark {
    static func typicalChart() -> Chart {
        var rng = SampleData(seed: 5)
        let x = (0..<1000).map(Double.init)
        let a = x.map { 0.9 - 0.5 * exp(-$0 / 200) + rng.normal(sd: 0.01) }
        let b = x.map { 0.85 - 0.5 * exp(-$0 / 150) + rng.normal(sd: 0.01) }
        return Chart(title: "Typical chart", x: Axis("step"), y: Axis("accuracy"),
                     marks: [LineMark(x: x, y: a, label: "train"), LineMark(x: x, y: b, label: "test")])
    }

    /// Median wall-clock and on-CPU milliseconds of `body`. On a shared, loaded machine the
    /// wall time includes waiting for a core; the CPU time is the work itself.
    static func median(_ repeats: Int, _ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        var wall: [Double] = [], cpu: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
            try body()
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            cpu.append(threadCPUTime() - cpuStart)
        }
        return (wall.sorted()[repeats / 2], cpu.sorted()[repeats / 2])
    }

    static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    static func run() throws {
        let renderer = ChartRenderer()
        let chart = typicalChart()
        let size = Size(width: 480, height: 300)
        let page = GalleryCharts.smallMultiples()
        let pageSize = Size(width: 720, height: 520)
        // Warm up fonts and caches once, as a long-running report would have.
        _ = try renderer.render(renderer.scene(chart, size: size), as: .png(scale: 2))
        let rows: [(String, (wall: Double, cpu: Double), Double)] = [
            ("layout only (1,000 points, 2 series, legend)", median(31) { _ = renderer.scene(chart, size: size) }, 0),
            ("typical chart → PNG 2× (960×600 px)", try median(31) { _ = try renderer.render(renderer.scene(chart, size: size), as: .png(scale: 2)) }, 20),
            ("typical chart → PDF", try median(31) { _ = try renderer.render(renderer.scene(chart, size: size), as: .pdf) }, 10),
            ("typical chart → SVG", try median(31) { _ = try renderer.render(renderer.scene(chart, size: size), as: .svg) }, 10),
            ("12-panel page → PDF", try median(11) { _ = try renderer.render(renderer.scene(page, size: pageSize), as: .pdf) }, 1000),
            ("12-panel page → PNG 2×", try median(11) { _ = try renderer.render(renderer.scene(page, size: pageSize), as: .png(scale: 2)) }, 1000),
        ]
        print("case                                            wall ms (median)  CPU ms (median)  target ms")
        for (name, ms, target) in rows {
            let t = target > 0 ? String(format: "%9.0f", target) : "        –"
            print(name.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%13.2f%17.2f", ms.wall, ms.cpu) + "  " + t)
        }
        print("load average: " + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"), terminator: "")
    }
}
