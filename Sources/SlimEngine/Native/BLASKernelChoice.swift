import Foundation

/// Which OpenBLAS kernel family to load. The best one depends on the CPU (on one Zen 4
/// machine the Haswell kernels beat OpenBLAS's own pick by 20–50 %, on Zen 5 the default
/// AVX-512 ones won), so `auto` measures the candidates once per CPU model and caches the
/// winner. OpenBLAS reads `OPENBLAS_CORETYPE` only when it loads, so a different choice
/// re-executes the program with the variable set.
public struct BLASKernelChoice: Sendable, Equatable {
    /// `auto`, `default` (OpenBLAS's own pick) or a core name such as `Haswell`, `Zen`, `SkylakeX`.
    public var request: String

    public init(request: String) { self.request = request }

    /// The environment variable that overrides the choice (`--blas-kernel` wins over it).
    public static let environmentKey = "SLIM_BLAS_KERNEL"
    /// Set in a child or re-executed process: the choice has been made.
    static let decidedKey = "SLIM_BLAS_DECIDED"

    /// Kernel families this CPU can run, OpenBLAS's default first.
    public static func candidates(cpuFlags: Set<String>) -> [String] {
        var names = ["default"]
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { names += ["Haswell", "Zen"] }
        if cpuFlags.contains("avx512f") && cpuFlags.contains("avx512bw") { names += ["SkylakeX"] }
        if cpuFlags.contains("avx512_bf16") { names += ["Cooperlake"] }
        return names
    }

    /// The CPU's feature flags from /proc/cpuinfo (empty elsewhere).
    public static var cpuFlags: Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            return Set((line.split(separator: ":", maxSplits: 1).last ?? "").split(separator: " ").map(String.init))
        }
        return []
    }

    /// Makes sure the loaded OpenBLAS uses the requested kernels: returns when it does (or
    /// when `OPENBLAS_CORETYPE` was set by the user), re-executes the program otherwise.
    /// `calibrate` runs the candidates and returns the fastest (used for `auto` on a cache miss).
    public func apply(cacheDirectory: String, calibrate: ([String]) -> String) {
        let env = ProcessInfo.processInfo.environment
        guard env["OPENBLAS_CORETYPE"] == nil, env[Self.decidedKey] == nil else { return }
        let choice: String
        switch request {
        case "default": return
        case "auto": choice = Self.cachedOrCalibrated(cacheDirectory: cacheDirectory, calibrate: calibrate)
        default: choice = request
        }
        guard choice != "default" else { return }
        ProcessImage.reexecute(setting: ["OPENBLAS_CORETYPE": choice, Self.decidedKey: "1"])
    }

    static func cachedOrCalibrated(cacheDirectory: String, calibrate: ([String]) -> String) -> String {
        let key = EngineInfo.cpuModel.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
        let path = (cacheDirectory as NSString).appendingPathComponent("blas-kernel-\(key)")
        if let cached = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !cached.isEmpty {
            return cached
        }
        let best = calibrate(candidates(cpuFlags: cpuFlags))
        try? FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        try? Data((best + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return best
    }

    /// Single-threaded SGEMM GFLOP/s on convolution-shaped products (the engine runs one GEMM
    /// per worker thread): the median over `repeats`.
    public static func measureGEMM(repeats: Int = 5) -> Double {
        let shapes = [(m: 64, n: 4096, k: 576), (m: 256, n: 1024, k: 2304), (m: 512, n: 256, k: 4608)]
        var generator = SeededGenerator(seed: 1)
        let buffers = shapes.map { s in
            (generator.normalTensor(shape: [s.m * s.k], std: 1).storage, generator.normalTensor(shape: [s.k * s.n], std: 1).storage)
        }
        BLAS.setThreads(1)
        var rates: [Double] = []
        for _ in 0..<repeats {
            var flops = 0.0
            let start = DispatchTime.now().uptimeNanoseconds
            for (s, (a, b)) in zip(shapes, buffers) {
                var c = [Float](repeating: 0, count: s.m * s.n)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            BLAS.gemm(.none, .none, m: s.m, n: s.n, k: s.k, a: pa, lda: s.k, b: pb, ldb: s.n, c: pc, ldc: s.n)
                        }
                    }
                }
                flops += 2 * Double(s.m * s.n * s.k)
            }
            rates.append(flops / Double(DispatchTime.now().uptimeNanoseconds - start))
        }
        return rates.sorted()[rates.count / 2]
    }
}
