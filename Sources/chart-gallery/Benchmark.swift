import Foundation
import SlimCharts

/// Times layout + rendering of typical charts; prints a table of medians over repeated runs.
enum Benchmark {
    static func typicalChart() -> Chart {
        var rng = SampleData(seed: 5)
        let x = (0..<1000).map(Double.init)
        let a = x.map { 0.9 - 0.5 * exp(-$0 / 200) + rng.normal(sd: 0.01) }
        let b = x.map { 0.85 - 0.5 * exp(-$0 / 150) + rng.normal(sd: 0.01) }
        return Chart(title: "Typical chart", x: Axis("step"), y: Axis("accuracy"),
                     marks: [LineMark(x: x, y: a, label: "train"), LineMark(x: x, y: b, label: "test")])
    }

    /// One row of the table: what is timed, how often, and the target it must meet.
    struct Case {
        var name: String
        var format: String
        var runs: Int
        var targetMs: Double?
        /// Does the work once; returns the encoded size in bytes (0 for layout only).
        var body: () throws -> Int
    }

    struct Timing {
        var wall: Double
        var cpu: Double
        var bytes: Int
    }

    /// Median wall-clock and on-CPU milliseconds of `body`. On a shared, loaded machine the
    /// wall time includes waiting for a core; the CPU time is the work itself.
    static func measure(_ c: Case) throws -> Timing {
        var wall: [Double] = [], cpu: [Double] = [], bytes = 0
        for _ in 0..<c.runs {
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = threadCPUTime()
            bytes = try c.body()
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            cpu.append(threadCPUTime() - cpuStart)
        }
        return Timing(wall: wall.sorted()[c.runs / 2], cpu: cpu.sorted()[c.runs / 2], bytes: bytes)
    }

    static func threadCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    static func cases(_ renderer: ChartRenderer) -> [Case] {
        let chart = typicalChart(), size = Size(width: 480, height: 300)
        let page = GalleryCharts.smallMultiples(), pageSize = Size(width: 720, height: 520)
        func encode(_ graphic: some Graphic, _ size: Size, _ format: OutputFormat) throws -> Int {
            try renderer.render(renderer.scene(graphic, size: size), as: format).count
        }
        return [
            Case(name: "layout only (1,000 points, 2 series, legend)", format: "–", runs: 31, targetMs: nil) {
                _ = renderer.scene(chart, size: size); return 0
            },
            Case(name: "typical chart, 960×600 px", format: "PNG 2×", runs: 31, targetMs: 20) { try encode(chart, size, .png(scale: 2)) },
            Case(name: "typical chart", format: "PDF", runs: 31, targetMs: 10) { try encode(chart, size, .pdf) },
            Case(name: "typical chart", format: "SVG", runs: 31, targetMs: 10) { try encode(chart, size, .svg) },
            Case(name: "12-panel page", format: "PDF", runs: 11, targetMs: 1000) { try encode(page, pageSize, .pdf) },
            Case(name: "12-panel page, 1440×1040 px", format: "PNG 2×", runs: 11, targetMs: 1000) { try encode(page, pageSize, .png(scale: 2)) },
        ]
    }

    /// Runs every case whose name or format contains `filter` (all when nil) and prints the table.
    static func run(filter: String?) throws {
        let renderer = ChartRenderer()
        // Warm up fonts and caches once, as a long-running report would have.
        _ = try renderer.render(renderer.scene(typicalChart(), size: Size(width: 480, height: 300)), as: .png(scale: 2))
        let selected = cases(renderer).filter { c in
            filter.map { c.name.localizedCaseInsensitiveContains($0) || c.format.localizedCaseInsensitiveContains($0) } ?? true
        }
        print("| case | format | runs | wall ms (median) | CPU ms (median) | size | target ms | |")
        print("|---|---|--:|--:|--:|--:|--:|---|")
        for c in selected {
            let t = try measure(c)
            let size = t.bytes > 0 ? String(format: "%.1f KB", Double(t.bytes) / 1024) : "–"
            let target = c.targetMs.map { String(format: "%.0f", $0) } ?? "–"
            let verdict = c.targetMs.map { t.cpu <= $0 ? "ok" : "OVER" } ?? ""
            print("| \(c.name) | \(c.format) | \(c.runs) | " + String(format: "%.2f | %.2f", t.wall, t.cpu)
                  + " | \(size) | \(target) | \(verdict) |")
        }
        print("load average: " + ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown"), terminator: "")
    }
}
