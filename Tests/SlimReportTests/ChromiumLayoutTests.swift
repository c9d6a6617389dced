import Foundation
import Testing
import SlimCharts
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
    /// point, the page's background colour, how many visible chart texts there are and how many
    /// of them are painted in that background colour, and whether find-in-page finds the first
    /// numeric tick label and a selection of its `<text>` reads as that label.
    static func probedReport(width: Int, theme: Theme = .light) throws -> String {
        let html = try HTMLWriter(theme: theme).html(RunReport.document(try SampleLog.run(name: "<script>alert(1)</script> with a long name that must wrap")))
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
            var bg=getComputedStyle(b).backgroundColor;\
            b.setAttribute('data-tip',h);b.setAttribute('data-bg',bg);\
            var texts=[].slice.call(document.querySelectorAll('figure.chart svg text')).filter(shown);\
            b.setAttribute('data-texts',texts.length);\
            b.setAttribute('data-unseen',texts.filter(function(t){return getComputedStyle(t).fill===bg}).length);\
            var tick=texts.filter(function(t){return /^[0-9][0-9.]*$/.test(t.textContent)})[0];\
            if(tick){b.setAttribute('data-tick',tick.textContent);\
            b.setAttribute('data-found',window.find(tick.textContent,true,false,true)?'yes':'no');\
            var g2=document.createRange();g2.selectNodeContents(tick);var s2=getSelection();s2.removeAllRanges();s2.addRange(g2);\
            b.setAttribute('data-tickselected',s2.toString())}})</script>
            """
        return html.replacingOccurrences(of: "</body>", with: probe + "</body>")
    }

    /// The value of `data-NAME` on the probed body.
    static func attribute(_ name: String, in dom: String) -> String? {
        guard let start = dom.range(of: "data-\(name)=\"") else { return nil }
        guard let end = dom[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(dom[start.upperBound..<end])
    }

    /// Each width in the light page, with the reader asking for a dark scheme, and with `--theme dark`.
    static let cases: [(width: Int, scheme: String)] = [1280, 390].flatMap { w in [(w, "light"), (w, "prefers-dark"), (w, "theme-dark")] }

    @Test(arguments: cases.indices)
    func theReportFitsTheWindowWithSelectableTextAndTooltips(index: Int) throws {
        let (width, scheme) = Self.cases[index]
        guard let chromium = Self.chromium else {
            print("skipped: chromium is not installed (apt-get install chromium) — HTML layout not checked")
            return
        }
        let dir = NSTemporaryDirectory() + "slim-report-chromium-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/report.html"
        try Self.probedReport(width: width, theme: scheme == "theme-dark" ? .dark : .light)
            .write(toFile: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir)/profile",
                             "--enable-logging=stderr", "--v=0", "--window-size=\(width),900",
                             "--virtual-time-budget=2000", "--dump-dom", "file://" + page]
            + (scheme == "prefers-dark" ? ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] : [])
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
        let dark = scheme != "light"
        #expect(Self.attribute("bg", in: dom) == (dark ? "rgb(30, 33, 39)" : "rgb(255, 255, 255)"), "\(scheme) page background")
        #expect((Int(Self.attribute("texts", in: dom) ?? "") ?? 0) > 100, "visible chart texts: \(Self.attribute("texts", in: dom) ?? "none")")
        // On a dark page no chart text takes the background's colour (the white percentages on
        // dark heat-map cells stay white; on the light page they are white on purpose).
        if dark { #expect(Self.attribute("unseen", in: dom) == "0", "\(scheme): chart texts in the background colour") }
        // Find-in-page finds a tick label, and selecting its <text> reads as the label.
        let tick = try #require(Self.attribute("tick", in: dom), "no numeric tick label in the charts' text")
        #expect(Self.attribute("found", in: dom) == "yes", "find-in-page did not find the tick label '\(tick)'")
        #expect(Self.attribute("tickselected", in: dom) == tick)
    }
}
