import Foundation
import Testing

/// Names from a log reach every output format inert: `Tests/HostileLogs/hostile-names.log`
/// names its run and layers `<img src=x onerror=alert(1)>|a|`, a line break, `# b`, the
/// escape sequences that clear the screen and retitle the terminal, and `=1+2`.
@Suite struct EscapingTests {
    static let hostile = HostileLogTests.path("hostile-names.log")
    static let formula = HostileLogTests.path("csv-injection.log")
    static let escape = "\u{1b}"

    let report = ExecutableRunner(name: "slim-report")

    @Test func markdownSummariesShowNamesAsText() throws {
        let summary = try report.run(["summary", Self.hostile, "--format", "markdown"])
        #expect(summary.status == 0, "\(summary.standardError)")
        #expect(summary.standardOutput.hasPrefix(##"## &lt;img src=x onerror=alert(1)&gt;\|a\|\\u{a}\# b\\u{1b}\[2J\\u{1b}\]0;pwned\\u{7}=1+2 — completed"## + "\n"))
        #expect(summary.standardOutput.contains(#"model @model\\u{1b}\[31m · dataset -data\|set"#))
        let whatif = try report.run(["whatif", Self.hostile, "--format", "markdown"])
        #expect(whatif.status == 0, "\(whatif.standardError)")
        #expect(whatif.standardOutput.hasPrefix(##"## What-if sweep of &lt;img src=x onerror=alert(1)&gt;\|a\|\\u{a}\# b"##))
        for out in [summary.standardOutput, whatif.standardOutput] {
            #expect(!out.contains("<img") && !out.contains(Self.escape))
            // Every table row is one line: a name's line break cannot end a row.
            for line in out.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|"), "\(line)") }
        }
    }

    @Test func terminalOutputShowsControlCharactersAsEscapes() throws {
        let summary = try report.run(["summary", Self.hostile])
        #expect(summary.standardOutput.hasPrefix(#"<img src=x onerror=alert(1)>|a|\u{a}# b\u{1b}[2J\u{1b}]0;pwned\u{7}=1+2 — completed"# + "\n"))
        let check = try report.run(["check", Self.hostile])
        #expect(check.standardOutput.contains(#"run            <img src=x onerror=alert(1)>|a|\u{a}# b\u{1b}[2J\u{1b}]0;pwned\u{7}=1+2  (r1)"# + "\n"))
        let whatif = try report.run(["whatif", Self.hostile])
        let error = try report.run(["check", "/nonexistent/x\u{1b}[2J.log"])
        #expect(error.standardError == #"slim-report: error: /nonexistent/x\u{1b}[2J.log: cannot open (no such file); check the path"# + "\n")
        for out in [summary.standardOutput, check.standardOutput, whatif.standardOutput, error.standardError] {
            #expect(!out.contains(Self.escape) && !out.contains("\u{7}"))
        }
    }

    @Test func csvCellsThatAFormulaWouldRunAreQuotedText() throws {
        let csv = try report.run(["summary", Self.formula, "--format", "csv"])
        let rows = csv.standardOutput.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix(#""'=HYPERLINK(""http://x"",""y"")","#))
        #expect(rows[0].hasSuffix(",width:+bn1,width:-bn2"))
        // A file, not a terminal: CSV data goes out exactly as rendered.
        let names = try report.run(["summary", Self.hostile, "--format", "csv"])
        #expect(names.standardOutput.contains("\"<img src=x onerror=alert(1)>|a|\n# b\u{1b}[2J"))
    }

    @Test func reportsShowNamesAsText() throws {
        let scratch = ScratchDirectory()
        for format in ["html", "md", "pdf"] {
            let out = scratch.url.appendingPathComponent("r.\(format)").path
            let outcome = try report.run([Self.hostile, "-o", out])
            #expect(outcome.status == 0, "\(outcome.standardError)")
            guard format != "pdf" else { continue }
            let page = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!page.contains("<img") && !page.contains(Self.escape) && !page.contains("\u{7}"))
        }
        let html = try String(contentsOfFile: scratch.url.appendingPathComponent("r.html").path, encoding: .utf8)
        #expect(html.contains(#"<h1>&lt;img src=x onerror=alert(1)&gt;|a|\u{a}# b\u{1b}[2J\u{1b}]0;pwned\u{7}=1+2</h1>"#))
        let md = try String(contentsOfFile: scratch.url.appendingPathComponent("r.md").path, encoding: .utf8)
        #expect(md.hasPrefix(##"# &lt;img src=x onerror=alert(1)&gt;\|a\|\\u{a}\# b\\u{1b}\[2J\\u{1b}\]0;pwned\\u{7}=1+2"## + "\n"))
    }
}
