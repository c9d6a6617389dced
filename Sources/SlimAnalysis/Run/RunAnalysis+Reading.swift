import SlimLog

extension RunAnalysis {
    /// Streams the log at `path` (a file, `-` for standard input, or gzip) through a
    /// `RunAccumulator`. Returns the analysis and the reader's warnings.
    public static func read(path: String) throws(AnalysisError) -> (run: RunAnalysis, warnings: [LogWarning]) {
        var accumulator = RunAccumulator(source: path)
        var reader: LogReader
        do {
            reader = try LogReader(path: path)
            while let event = try reader.next() { accumulator.add(event, line: reader.lineNumber) }
        } catch {
            throw .log(error)
        }
        return (try accumulator.finish(), reader.warnings)
    }
}
