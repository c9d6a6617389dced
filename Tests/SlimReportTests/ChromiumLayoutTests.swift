import Foundation
import Testing
@testable import SlimReport

/// Renders the HTML report in headless Chromium at desktop and phone widths and fails on console
/// errors or horizontal overflow. Skipped (with a printed line) when `chromium` is not installed;
/// CI installs it (Debian/Ubuntu package `chromium`).
@Suite struct ChromiumLayoutTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The report plus a probe, added for the test only: it narrows the page to `width` (headless
    /// Chromium will not make a window narrower than 500 px) and records in the DOM the rightmost
    /// edge of any element outside scroll boxes (tables, charts) and chart internals, the text a
    /// selection of the first visible chart text holds, the first visible hover title of a data
    /// point, and the page's background colour.
    static func probedReport(width: Int) throws -> String {
        let html = try HTMLWriter().html(RunReport.document(try SampleLog.run(name: "<script>alert(1)</script> with a long name that must wrap")))
        let probe = """
            <script>document.documentElement.style.width='\(width)px';\
            window.addEventListener('load',function(){var r=0;\
            document.querySelectorAll('body *').forEach(function(e){\
            for(var p=e.parentElement;p;p=p.parentElement){var o=getComputedStyle(p).overflowX;\
            if(o==='auto'||o==='scroll'||o==='hidden')return}\
            if(e.closest('svg')&&e.tagName.toLowerCase()!=='svg')return;\
            r=Math.max(r,Math.ceil(e.getBoundingClientRect().right))});\
            function shown(e){return e.getClientRects().length>0}\
            var t=[].slice.call(document.querySelectorAll('figure.chart svg text')).filter(shown)[0],sel='';\
            if(t&&getComputedStyle(t).userSelect!=='none'){var g=document.createRange();g.selectNodeContents(t);\
            var s=getSelection();s.removeAllRanges();s.addRange(g);sel=s.toString()}\
            var h=[].slice.call(document.querySelectorAll('figure.chart svg .chart-hints rect')).filter(shown)\
            .map(function(e){return e.querySelector('title').textContent}).filter(function(x){return /test.*[0-9]/.test(x)})[0]||'';\
            var b=document.body;b.setAttribute('data-probe',r+'/'+\(width));b.setAttribute('data-selected',sel);\
            b.setAttribute('data-tip',h);b.setAttribute('data-bg',getComputedStyle(b).backgroundColor)})</script>
            """
        return html.replacingOccurrences(of: "</body>", with: probe + "</body>")
    }

    /// The value of `data-NAME` on the probed body.
    static func attribute(_ name: String, in dom: String) -> String? {
        guard let start = dom.range(of: "data-\(name)=\"") else { return nil }
        guard let end = dom[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(dom[start.upperBound..<end])
    }

    @Test(arguments: [(1280, false), (390, false), (1280, true), (390, true)])
    func theReportFitsTheWindowWithSelectableTextAndTooltips(width: Int, dark: Bool) throws {
        guard let chromium = Self.chromium else {
            print("skipped: chromium is not installed (apt-get install chromium) — HTML layout not checked")
            return
        }
        let dir = NSTemporaryDirectory() + "slim-report-chromium-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/report.html"
        try Self.probedReport(width: width).write(toFile: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir)/profile",
                             "--enable-logging=stderr", "--v=0", "--window-size=\(width),900",
                             "--virtual-time-budget=2000", "--dump-dom", "file://" + page] + (dark ? ["--force-dark-mode"] : [])
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let console = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console output: \(console)")
        guard let probe = Self.attribute("probe", in: dom) else {
            Issue.record("the probe did not run; Chromium output: \(dom.prefix(300)) \(log.suffix(500))")
            return
        }
        let numbers = probe.split(separator: "/").compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[0] <= numbers[1], "horizontal overflow at \(width) px: content reaches \(numbers[0]) px")
        #expect(!dom.contains("<script>alert(1)"))
        // Chart text is text: a selection of it holds the words, not nothing (glyph outlines).
        #expect(Self.attribute("selected", in: dom)?.isEmpty == false, "no selectable chart text at \(width) px")
        // A data point of the accuracy chart tells its exact value on hover.
        let tip = Self.attribute("tip", in: dom) ?? ""
        #expect(tip.hasPrefix("test: ") && tip.contains("%"), "no tooltip on a data point at \(width) px: '\(tip)'")
        // The page follows the reader's scheme: white, or Theme.dark's slate (#1E2127).
        #expect(Self.attribute("bg", in: dom) == (dark ? "rgb(30, 33, 39)" : "rgb(255, 255, 255)"))
    }
}
