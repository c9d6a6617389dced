import Testing
@testable import SlimCLI

@Suite struct CommandSpecTests {
    let spec = CommandSpec(name: "slim-report chart", abstract: "Draws one chart.", arguments: "KIND RUN.log",
                           options: [OptionSpec("output", short: "o", value: "FILE", help: "Where to write."),
                                     OptionSpec("width", value: "PT", help: "Width in points."),
                                     OptionSpec("label", value: "NAME", help: "A run label.", repeatable: true),
                                     OptionSpec("dark", help: "Dark theme.")])

    @Test func valuesFlagsAndPositionals() throws {
        let p = try spec.parse(["widths", "-o", "a.png", "--width=320", "run.log", "--dark", "--label", "x", "--label=y"])
        #expect(p.positionals == ["widths", "run.log"])
        #expect(p.string("output") == "a.png")
        #expect(try p.int("width", in: spec) == 320)
        #expect(p.flag("dark"))
        #expect(p.strings("label") == ["x", "y"])
    }

    @Test func shortOptionWithAttachedValueAndDoubleDash() throws {
        let p = try spec.parse(["-oout.pdf", "--", "--weird-name.log", "-"])
        #expect(p.string("output") == "out.pdf")
        #expect(p.positionals == ["--weird-name.log", "-"])
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: UsageError.self) { try spec.parse(["--wdith", "3"]) }
        do { _ = try spec.parse(["--wid", "3"]) } catch {
            #expect(error.description == "slim-report chart: error: unknown option '--wid'; did you mean '--width'?\nusage: slim-report chart [options] KIND RUN.log\nSee 'slim-report chart --help'.")
        }
        do { _ = try spec.parse(["-o"]) } catch { #expect(error.message == "option '--output' needs a value (FILE)") }
        do { _ = try spec.parse(["--dark=yes"]) } catch { #expect(error.message == "option '--dark' takes no value") }
        do { _ = try spec.parse(["-o", "a", "-o", "b"]) } catch { #expect(error.message == "option '--output' is given twice") }
        do { _ = try spec.parse(["--width", "wide"]).int("width", in: spec) } catch {
            #expect(error.message == "option '--width' expects a whole number, got 'wide'")
        }
    }

    @Test func helpListsEveryOption() {
        let help = spec.help
        #expect(help.hasPrefix("Draws one chart.\n\nusage: slim-report chart [options] KIND RUN.log"))
        #expect(help.contains("-o, --output FILE"))
        #expect(help.contains("-h, --help"))
    }

    @Test func tableAlignsColumns() {
        var t = TextTable(header: ["layer", "width"])
        t.append(["feature.1", "32"])
        t.append(["f.4", "128"])
        #expect(t.rendered == "layer      width\n─────────  ─────\nfeature.1     32\nf.4          128")
    }
}
