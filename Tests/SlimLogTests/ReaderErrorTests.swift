import Foundation
import Testing
@testable import SlimLog

/// Every bad log gets one clear error naming the file, line and field — never a crash.
@Suite struct ReaderErrorTests {
    let dir = ScratchDirectory()

    func error(reading text: String, name: String = "bad.log") -> (String, LogError?) {
        error(reading: Array(text.utf8), name: name)
    }

    func error(reading bytes: [UInt8], name: String = "bad.log") -> (String, LogError?) {
        let path = dir.write(name, bytes)
        do { _ = try LogReader.readAll(path: path); return (path, nil) } catch { return (path, error) }
    }

    @Test func emptyFile() {
        let (p, e) = error(reading: "")
        #expect(e == .empty(path: p))
        #expect(e?.description == "\(p): the file is empty; a slim-run/1 log starts with a 'run' line")
    }

    @Test func missingFile() {
        #expect(throws: LogError.cannotOpen(path: "/nonexistent/run.log", reason: "no such file")) {
            _ = try LogReader(path: "/nonexistent/run.log")
        }
        #expect(LogError.cannotOpen(path: "x.log", reason: "no such file").description == "x.log: cannot open (no such file); check the path")
    }

    @Test func binaryGarbage() {
        let (p, e) = error(reading: [0x00, 0xFF, 0x13, 0x37, 0x0A, 0x42])
        #expect(e == .invalidUTF8(path: p, line: 1))
        #expect(e?.description == "\(p):1: not valid UTF-8 text; is this a run log?")
    }

    @Test func invalidUTF8InsideAString() {
        let (p, e) = error(reading: Array("{\"type\":\"run\",\"schema\":\"".utf8) + [0xC3, 0x28] + Array("\"}\n".utf8))
        #expect(e == .invalidUTF8(path: p, line: 1))
    }

    @Test func truncatedLastLineIsAWarning() throws {
        let path = dir.write("cut.log", Samples.runLine + "\n{\"type\":\"epoch\",\"pass\":0,\"ph")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(events.count == 1)
        #expect(warnings.map(\.message) == ["\(path):2: the line is incomplete (the run was interrupted or is still going); it was skipped"])
    }

    @Test func wrongTypes() {
        let (p, e) = error(reading: Samples.runLine + "\n{\"type\":\"epoch\",\"pass\":\"zero\"}\n")
        #expect(e == .wrongType(path: p, line: 2, event: "epoch", field: "pass", expected: "an integer"))
        #expect(e?.description == "\(p):2: epoch event: field 'pass' must be an integer")
    }

    @Test func missingField() {
        let (p, e) = error(reading: Samples.runLine + "\n{\"type\":\"end\",\"seconds\":1}\n")
        #expect(e?.description == "\(p):2: end event: missing field 'status' (expected a string)")
    }

    @Test func nestedFieldsAreNamedWithTheirPath() {
        let line = "{\"type\":\"architecture\",\"pass\":0,\"layers\":[{\"name\":\"a\",\"op\":\"relu\",\"in_shape\":[1],\"out_shape\":\"x\"}]}"
        let (p, e) = error(reading: Samples.runLine + "\n" + line + "\n")
        #expect(e?.description == "\(p):2: architecture event: field 'layers[0].out_shape' must be an array of integers")
    }

    @Test func missingRunLine() {
        let (p, e) = error(reading: "{\"type\":\"epoch\",\"pass\":0}\n")
        #expect(e?.description == "\(p):1: the first event must be 'run', found 'epoch'; is this a slim-run/1 log?")
    }

    @Test func unknownMajorVersionIsRefused() {
        let (p, e) = error(reading: Samples.runLine.replacingOccurrences(of: "slim-run/1", with: "slim-run/2") + "\n")
        #expect(e?.description == "\(p):1: schema 'slim-run/2' is not supported; this version of Slim reads slim-run/1 (upgrade Slim to read newer logs)")
    }

    @Test func minorVersionsAreRead() throws {
        let path = dir.write("minor.log", Samples.runLine.replacingOccurrences(of: "slim-run/1", with: "slim-run/1.3") + "\n")
        #expect(try LogReader.readAll(path: path).events.count == 1)
    }

    @Test func unknownEventTypesAreSkippedWithOneWarning() throws {
        let path = dir.write("new.log", Samples.runLine + "\n{\"type\":\"hologram\"}\n{\"type\":\"hologram\"}\n{\"type\":\"aura\",\"x\":1}\n")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(events.count == 1)
        #expect(warnings.map(\.message) == ["\(path): skipped events of unknown type: 2 'hologram' (first on line 2), 1 'aura' (first on line 4); they come from a newer writer"])
    }

    @Test func invalidJSONNamesTheByte() {
        let (p, e) = error(reading: Samples.runLine + "\n{\"type\" \"epoch\"}\n")
        #expect(e?.description == "\(p):2: not valid JSON (expected ':' at byte 9); each line must be one JSON object")
    }

    @Test func aLineThatIsNotAnObject() {
        let (p, e) = error(reading: "[1,2,3]\n")
        #expect(e?.description == "\(p):1: expected a JSON object with a string field 'type'")
    }

    @Test func aFiftyMegabyteSingleLine() {
        var bytes = Array("{\"type\":\"run\",\"schema\":\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        bytes += Array("\n".utf8)
        let (p, e) = error(reading: bytes)
        #expect(e?.description == "\(p):1: not valid JSON (unterminated string at byte 52428825); each line must be one JSON object")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 100_000) + "\n"
        let (_, e) = error(reading: text)
        #expect(e != nil)
    }

    @Test func badEndStatus() {
        let (p, e) = error(reading: Samples.runLine + "\n{\"type\":\"end\",\"status\":\"exploded\",\"seconds\":1}\n")
        #expect(e?.description == "\(p):2: end event: field 'status' is 'exploded'; expected completed, stopped or failed")
    }

    static let measureLine = #"{"type":"measure","pass":0,"phase":"baseline","latency":[{"batch":1,"median_ms":0.5}],"params":122}"#

    @Test func truncatedGzip() throws {
        let packed = try GzipTestData.compressed(Samples.runLine + "\n" + String(repeating: Self.measureLine + "\n", count: 400))
        let (p, e) = error(reading: Array(packed.prefix(packed.count / 2)), name: "cut.log.gz")
        #expect(e?.description.hasPrefix("\(p): the gzip stream ends early") == true)
    }
}
