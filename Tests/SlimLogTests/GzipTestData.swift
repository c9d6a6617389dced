import SlimGzip

enum GzipTestData {
    static func compressed(_ text: String) throws -> [UInt8] { try GzipCompressor.compress(Array(text.utf8)) }
}
