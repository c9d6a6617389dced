import SlimCharts
import Testing
@testable import SlimReport

@Suite struct PageLayoutTests {
    static func chart(_ name: String, height: Double, keepsHeight: Bool = false) -> ReportChart {
        ReportChart(name: name, graphic: Chart(title: name, marks: [LineMark(x: [0, 1], y: [0, 1])]),
                    size: Size(width: 720, height: height), keepsHeight: keepsHeight)
    }

    static func composer() -> PageComposer {
        PageComposer(theme: .light, measurer: ChartRenderer(theme: .light).measurer)
    }

    @Test func shortSectionsShareAPage() {
        var c = Self.composer()
        for title in ["A", "B", "C"] {
            let section = ReportSection(title: title, blocks: [.paragraph("text"), .chart(Self.chart(title, height: 200))])
            c.heading(of: section)
            c.text("text", size: 10)
            c.chart(Self.chart(title, height: 200))
        }
        // 720 × 200 shrinks to the 511 pt column at its shape: three fit on one A4 page.
        #expect(c.finish().count == 1)
    }

    @Test func aHeadingMovesOnWithItsFirstChart() {
        var c = Self.composer()
        c.chart(Self.chart("tall", height: 880))
        let section = ReportSection(title: "Next", blocks: [.chart(Self.chart("next", height: 500))])
        c.heading(of: section)
        // The heading did not stay under the first chart: it opens the second page.
        #expect(c.pages.count == 1)
        #expect(c.remaining > 700)
    }

    /// A table that runs over the page takes its last three rows over together, never one alone
    /// (the report's configuration table left "machine: os" alone on page 2).
    @Test func aTableLeavesNoLastRowAlone() {
        var c = Self.composer()
        c.chart(Self.chart("first", height: 700))
        // The header and all rows but one fit on this page.
        let rows = Int(c.remaining / 14)
        c.table(ReportTable(header: ["name"], rows: (0..<rows).map { ["row \($0)"] }))
        let pages = c.finish()
        #expect(pages.count == 2)
        let carried = pages.last!.texts.filter { $0.string.hasPrefix("row ") }.map(\.string)
        #expect(carried == (rows - 3..<rows).map { "row \($0)" })
    }

    @Test func aChartShrinksALittleToEndAPageButNotMore() {
        // Charts under half a page: at most 20 % shorter.
        var c = Self.composer()
        c.chart(Self.chart("first", height: 700))
        let left = c.remaining
        c.chart(Self.chart("fits shrunk", height: left / 0.71 * 1.05))
        #expect(c.pages.isEmpty)
        var d = Self.composer()
        d.chart(Self.chart("first", height: 700))
        d.chart(Self.chart("too tall", height: left / 0.71 * 1.3))
        #expect(d.pages.count == 1)
    }

    @Test func aLargeChartShrinksMoreRatherThanLeaveHalfAPage() {
        // Natural height 1.5 × what is left, and more than half a page: 60 % of it fits.
        var c = Self.composer()
        c.chart(Self.chart("first", height: 480))
        let left = c.remaining
        c.chart(Self.chart("large", height: left / (511.0 / 720) * 1.5))
        #expect(c.pages.isEmpty)
        var d = Self.composer()
        d.chart(Self.chart("first", height: 480))
        d.chart(Self.chart("much too large", height: left / (511.0 / 720) * 1.8))
        #expect(d.pages.count == 1)
    }

    @Test func rowChartsKeepTheirHeightOnTheNarrowerPage() {
        var c = Self.composer()
        let before = c.remaining
        c.chart(Self.chart("rows", height: 400, keepsHeight: true))
        #expect(before - c.remaining == 412)
        var d = Self.composer()
        d.chart(Self.chart("shape", height: 400))
        #expect(abs(before - d.remaining - (400 * 511 / 720 + 12)) < 1e-9)
    }
}
