import Foundation

/// Which OpenBLAS kernel family to load. The best one depends on the CPU (on one Zen 4
/// machine the Haswell kernels beat OpenBLAS's own pick by 20–50 %, on Zen 5 the default
/// AVX-512 ones won), so `auto` measures the candidates once per CPU (`CPUIdentity`) and
/// caches the winner. OpenBLAS reads `OPENBLAS_CORETYPE` only when it loads, so a different choice
/// re-executes the program with the variable set.
public struct BLASKernelChoice: Sendable, Equatable {
    /// `auto`, `default` (OpenBLAS's own pick) or a core name such as `Haswell`, `Zen`, `SkylakeX`.
    public var request: String

    public init(request: String) { self.request = request }

    /// The environment variable that overrides the choice (`--blas-kernel` wins over it).
    public static let environmentKey = "SLIM_BLAS_KERNEL"
    /// Set in a child or re-executed process: the choice has been made.
    static let decidedKey = "SLIM_BLAS_DECIDED"

    /// Every value `--blas-kernel` takes: `auto`, `default`, and the x86-64 core names of
    /// OpenBLAS's dynamic-architecture build (`OPENBLAS_CORETYPE`, matched without case).
    public static let knownRequests = ["auto", "default", "Prescott", "Core2", "Penryn", "Dunnington", "Nehalem",
                                       "Sandybridge", "Haswell", "SkylakeX", "Cooperlake", "SapphireRapids", "Atom",
                                       "Barcelona", "Bulldozer", "Piledriver", "Steamroller", "Excavator", "Zen"]

    /// Kernel families this CPU can run, OpenBLAS's default first.
    public static func candidates(cpuFlags: Set<String>) -> [String] {
        var names = ["default"]
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { names += ["Haswell", "Zen"] }
        if cpuFlags.contains("avx512f") && cpuFlags.contains("avx512bw") { names += ["SkylakeX"] }
        if cpuFlags.contains("avx512_bf16") { names += ["Cooperlake"] }
        return names
    }

    /// The CPU's feature flags from /proc/cpuinfo (empty elsewhere).
    public static var cpuFlags: Set<String> { CPUIdentity.current.flags }

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

    /// The choice a program makes at startup: `--blas-kernel NAME` in `arguments`, else
    /// `SLIM_BLAS_KERNEL`, else `auto`. Call before any BLAS work; may re-execute the program.
    /// `calibrationArguments` run this program in a mode that prints `measureGEMM()`.
    public static func applyAtStartup(arguments: [String] = CommandLine.arguments, calibrationArguments: [String]) {
        var request = ProcessInfo.processInfo.environment[environmentKey] ?? "auto"
        if let flag = arguments.firstIndex(of: "--blas-kernel"), flag + 1 < arguments.count { request = arguments[flag + 1] }
        let cache = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        BLASKernelChoice(request: request).apply(cacheDirectory: cache + "/slim") { candidates in
            calibrate(candidates: candidates, arguments: calibrationArguments)
        }
    }

    /// Runs this program with `arguments` once per candidate and round (candidates
    /// interleaved, since other work shares the machine) and returns the candidate with the
    /// best median GFLOP/s; OpenBLAS's default wins unless another is 3 % faster.
    public static func calibrate(candidates: [String], arguments: [String], rounds: Int = 3) -> String {
        var rates: [String: [Double]] = [:]
        for _ in 0..<rounds {
            for candidate in candidates {
                var environment = ProcessInfo.processInfo.environment
                environment[decidedKey] = "1"
                if candidate != "default" { environment["OPENBLAS_CORETYPE"] = candidate }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
                process.arguments = arguments
                process.environment = environment
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                guard (try? process.run()) != nil else { continue }
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                if process.terminationStatus == 0,
                   let rate = Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                    rates[candidate, default: []].append(rate)
                }
            }
        }
        let medians = rates.mapValues { $0.sorted()[$0.count / 2] }
        let base = medians["default"] ?? 0
        guard let best = medians.max(by: { $0.value < $1.value }), best.value > base * 1.03 else { return "default" }
        return best.key
    }

    /// The cached choice for `cpu`, or a fresh calibration that is then cached.
    static func cachedOrCalibrated(cacheDirectory: String, cpu: CPUIdentity = .current,
                                   calibrate: ([String]) -> String) -> String {
        let path = cachePath(cacheDirectory: cacheDirectory, cpu: cpu)
        if let cached = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           !cached.isEmpty {
            return cached
        }
        let best = calibrate(candidates(cpuFlags: cpu.flags))
        try? FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        try? Data((best + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return best
    }

    /// The cache file of the choice for `cpu`.
    static func cachePath(cacheDirectory: String, cpu: CPUIdentity) -> String {
        (cacheDirectory as NSString).appendingPathComponent("blas-kernel-\(cpu.cacheKey)")
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
