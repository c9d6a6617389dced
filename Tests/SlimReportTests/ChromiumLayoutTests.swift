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
    /// edge of any element outside scroll boxes (tables, charts) and chart internals.
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
            document.body.setAttribute('data-probe',r+'/'+\(width))})</script>
            """
        return html.replacingOccurrences(of: "</body>", with: probe + "</body>")
    }

    @Test(arguments: [1280, 390])
    func theReportFitsTheWindowWithoutConsoleErrors(width: Int) throws {
        guard let chromium = Self.chromium else {
            print("skipped: chromium is not installed (apt-get install chromium) — HTML layout not checked")
            return
        }
        let dir = NSTemporaryDirectory() + "slim-report-chromium-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let page = dir + "/report.html"
        try Self.probedReport(width: width).write(toFile: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(dir)/profile",
                             "--enable-logging=stderr", "--v=0", "--window-size=\(width),900",
                             "--virtual-time-budget=2000", "--dump-dom", "file://" + page]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let console = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(console.isEmpty, "console output: \(console)")
        guard let range = dom.range(of: #"data-probe="(\d+)/(\d+)""#, options: .regularExpression) else {
            Issue.record("the probe did not run; Chromium output: \(dom.prefix(300)) \(log.suffix(500))")
            return
        }
        let numbers = dom[range].dropFirst("data-probe=\"".count).dropLast().split(separator: "/").compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[0] <= numbers[1], "horizontal overflow at \(width) px: content reaches \(numbers[0]) px")
        #expect(!dom.contains("<script>alert(1)"))
    }
}
