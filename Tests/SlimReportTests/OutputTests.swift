import Foundation
import Testing
import SlimCharts
@testable import SlimReport

@Suite struct OutputTests {
    static let hostile = "<script>alert(1)</script> & \"q\""

    @Test func logTextIsEscapedInHTML() throws {
        let html = try HTMLWriter().html(RunReport.document(try SampleLog.run(name: Self.hostile)))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"))
    }

    @Test func logTextIsEscapedInMarkdown() throws {
        let dir = NSTemporaryDirectory() + "slim-report-md-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try MarkdownWriter().write(RunReport.document(try SampleLog.run(name: Self.hostile)), to: dir + "/r.md")
        let md = try String(contentsOfFile: dir + "/r.md", encoding: .utf8)
        #expect(md.hasPrefix("# \\<script\\>alert(1)\\</script\\> & \"q\""))
        #expect(FileManager.default.fileExists(atPath: dir + "/r-charts/gamma-hist.svg"))
        #expect(md.contains("![gamma-hist](r-charts/gamma-hist.svg)"))
    }

    @Test func theHTMLIsSelfContained() throws {
        let html = try HTMLWriter().html(RunReport.document(try SampleLog.run()))
        for forbidden in ["<script", "src=\"http", "href=\"http", "@import", "url(http", "<link"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // Every chart once as a figure, each with a second, phone-width layout (multi-panel
        // figures reflowed to two columns), each SVG with its accessible name.
        let charts = RunReport.document(try SampleLog.run()).charts
        #expect(charts.contains { $0.graphic is Figure })
        #expect(html.components(separatedBy: "<figure class=\"chart").count - 1 == charts.count)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 * charts.count)
        #expect(html.components(separatedBy: "<svg role=\"img\" aria-label=\"").count - 1 == 2 * charts.count)
        #expect(html.components(separatedBy: "<div class=\"narrow\">").count - 1 == charts.count)
        #expect(html.contains("aria-label=\"Accuracy over training: "))
    }

    @Test func writingReplacesAnExistingFileOnlyWhenComplete() throws {
        let dir = NSTemporaryDirectory() + "slim-report-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/report.pdf"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try ReportOutput.write(RunReport.document(try SampleLog.run()), to: path, format: .pdf)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Data("%PDF".utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["report.pdf"])
    }

    @Test func errorsTellTheUserWhatToDo() throws {
        #expect(throws: ReportError.unknownFormat(path: "r.docx")) { try ReportFormat(path: "r.docx") }
        #expect(ReportError.unknownFormat(path: "r.docx").description
                == "r.docx: cannot tell the report format from the extension; use .pdf, .html or .md, or pass --format pdf|html|md")
        #expect(ReportError.unknownFormatName("doc").description == "unknown report format 'doc'; use pdf, html or md")
        #expect(ReportError.cannotWrite(path: "/x/r.pdf", reason: "no such directory").description
                == "/x/r.pdf: cannot write the report (no such directory); check that the directory exists and is writable")
        #expect(throws: ReportError.self) {
            try ReportOutput.write(ReportDocument(title: "t"), to: "/nonexistent-dir-slim/r.html", format: .html)
        }
        #expect(try ReportFormat(name: "md") == .markdown)
        #expect(try ReportFormat(path: "a/b.HTML") == .html)
    }
}
