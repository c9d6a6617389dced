import Foundation
import Testing
import SlimGzip
@testable import SlimLog

@Suite struct RoundTripTests {
    @Test func everyEventTypeReadsBackEqual() throws {
        let dir = ScratchDirectory()
        let path = dir.path("run.log")
        let writer = try LogWriter(path: path, mode: .create)
        for e in Samples.events { try writer.append(e) }
        try writer.sync()
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(warnings.isEmpty)
        #expect(events.count == Samples.events.count)
        // Compared through their JSON: NaN is never == NaN, but its encoding is stable.
        for (read, written) in zip(events, Samples.events) { #expect(read.jsonLine == written.jsonLine) }
    }

    @Test func aWarningEventIsOneSmallLine() {
        #expect(String(decoding: Event.warning(RunWarning(message: "a \"quoted\" note", pass: 1)).jsonLine, as: UTF8.self)
                == #"{"type":"warning","message":"a \"quoted\" note","pass":1}"#)
        #expect(String(decoding: Event.warning(RunWarning(message: "m")).jsonLine, as: UTF8.self) == #"{"type":"warning","message":"m"}"#)
    }

    @Test func aScalarEventIsOneSmallLineAndStepIsOptional() throws {
        let point = ScalarPoint(pass: 0, phase: .sparsity, epoch: 2, step: 40, name: "penalty", value: 0.25)
        #expect(String(decoding: Event.scalar(point).jsonLine, as: UTF8.self)
                == #"{"type":"scalar","pass":0,"phase":"sparsity","epoch":2,"step":40,"name":"penalty","value":0.25}"#)
        let dir = ScratchDirectory()
        let path = dir.write("s.log", Samples.runLine + "\n" + #"{"type":"scalar","pass":0,"phase":"sparsity","epoch":1,"name":"lr","value":0.1}"# + "\n")
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(warnings.isEmpty)
        #expect(events.last == .scalar(ScalarPoint(pass: 0, phase: .sparsity, epoch: 1, step: nil, name: "lr", value: 0.1)))
    }

    @Test func wholeNumbersInFreeFormValuesAreWrittenAsIntegers() {
        var header = Samples.header
        header.config.extra = [("cfg", .array([.number(16), .number(-3), .number(0.5), .number(1e300), .number(.nan)]))]
        let line = String(decoding: Event.run(header).jsonLine, as: UTF8.self)
        #expect(line.contains(#""cfg":[16,-3,0.5,1e+300,"NaN"]"#))
    }

    @Test func nonFiniteNumbersAreWrittenAsStrings() {
        let line = String(decoding: Samples.events[2].jsonLine, as: UTF8.self)
        #expect(line.contains("\"train_loss\":\"NaN\""))
        #expect(line.contains("\"test_loss\":\"Infinity\""))
        #expect(!line.contains("test_accuracy"))
    }

    @Test func randomFloat32GammaValuesReadBackBitExact() throws {
        var generator = SystemRandomNumberGenerator()
        var values: [Float] = []
        for _ in 0..<200_000 {
            let bits = UInt32.random(in: 0...UInt32.max, using: &generator)
            let f = Float(bitPattern: bits)
            if f.isFinite { values.append(f) }
        }
        for _ in 0..<100_000 { values.append(Float.random(in: -1...1, using: &generator)) }
        let snapshot = Event.gamma(GammaSnapshot(pass: 0, phase: .sparsity, epoch: 1, step: 1,
                                                 layers: [GammaVector(layer: "bn", values: values)]))
        let dir = ScratchDirectory()
        let path = dir.write("g.log", Samples.runLine + "\n" + String(decoding: snapshot.jsonLine, as: UTF8.self) + "\n")
        let (events, _) = try LogReader.readAll(path: path)
        guard case let .gamma(read) = events[1] else { Issue.record("not a gamma event"); return }
        let mismatches = zip(read.layers[0].values, values).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(mismatches == 0)
    }

    @Test func gzipLogsAreReadTransparently() throws {
        let dir = ScratchDirectory()
        let text = Samples.events.map { String(decoding: $0.jsonLine, as: UTF8.self) + "\n" }.joined()
        let path = dir.write("run.log.gz", try GzipCompressor.compress(Array(text.utf8)))
        let (events, _) = try LogReader.readAll(path: path)
        #expect(events.map(\.jsonLine) == Samples.events.map(\.jsonLine))
    }

    @Test func appendingAfterACrashStartsOnANewLine() throws {
        let dir = ScratchDirectory()
        let path = dir.write("run.log", Samples.runLine + "\n{\"type\":\"epoch\",\"pa")
        let writer = try LogWriter(path: path, mode: .append)
        try writer.append(Samples.events.last!)
        let (events, warnings) = try LogReader.readAll(path: path)
        #expect(events == [Samples.events[0], Samples.events.last!])
        #expect(warnings == [LogWarning("\(path):2: the line is cut short (the run was interrupted here and resumed); it was skipped")])
    }

    @Test func createRefusesToOverwrite() throws {
        let dir = ScratchDirectory()
        let path = dir.write("run.log", "x")
        #expect(throws: LogError.writeFailed(path: path, reason: "the file exists; choose another output or resume the run")) {
            _ = try LogWriter(path: path, mode: .create)
        }
    }
}
