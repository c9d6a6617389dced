import Foundation
import Testing
@testable import SlimEngine

@Suite("CPU identity and the BLAS kernel cache")
struct CPUIdentityTests {
    /// /proc/cpuinfo of one processor; cloud machines report the same model name for
    /// several generations.
    func cpuinfo(family: Int, model: Int, flags: String = "fpu sse2 avx2 fma") -> String {
        """
        processor\t: 0
        vendor_id\t: AuthenticAMD
        cpu family\t: \(family)
        model\t\t: \(model)
        model name\t: AMD EPYC
        stepping\t: 1
        flags\t\t: \(flags)

        processor\t: 1
        vendor_id\t: AuthenticAMD
        cpu family\t: 99
        model\t\t: 99
        """
    }

    @Test func readsTheFirstProcessor() {
        let cpu = CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 1))
        #expect(cpu.vendor == "AuthenticAMD" && cpu.family == "25" && cpu.model == "1" && cpu.stepping == "1")
        #expect(cpu.flags == ["fpu", "sse2", "avx2", "fma"])
        #expect(CPUIdentity(cpuinfo: "").cacheKey.hasPrefix("unknown-unknown-unknown-unknown-"))
    }

    @Test func keysTellGenerationsWithOneModelNameApart() {
        let zen3 = CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 1))
        let zen4 = CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 17, flags: "fpu sse2 avx2 fma avx512f avx512bw"))
        let zen4Masked = CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 17))
        #expect(zen3.cacheKey != zen4.cacheKey)
        #expect(zen4.cacheKey != zen4Masked.cacheKey)
        #expect(zen3.cacheKey == CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 1, flags: "fma avx2 sse2 fpu")).cacheKey)
        #expect(zen3.cacheKey.hasPrefix("AuthenticAMD-25-1-1-"))
        #expect(zen3.cacheKey.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" })
    }

    /// Each CPU calibrates once and then reads its own cached choice, never another CPU's.
    @Test func cachedChoiceIsPerCPU() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slim-kernel-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let zen3 = CPUIdentity(cpuinfo: cpuinfo(family: 25, model: 1))
        let zen5 = CPUIdentity(cpuinfo: cpuinfo(family: 26, model: 2, flags: "fpu sse2 avx2 fma avx512f avx512bw"))
        var calibrations: [[String]] = []
        let first = BLASKernelChoice.cachedOrCalibrated(cacheDirectory: directory, cpu: zen5) { calibrations.append($0); return "SkylakeX" }
        let other = BLASKernelChoice.cachedOrCalibrated(cacheDirectory: directory, cpu: zen3) { calibrations.append($0); return "Haswell" }
        let again = BLASKernelChoice.cachedOrCalibrated(cacheDirectory: directory, cpu: zen5) { calibrations.append($0); return "Zen" }
        #expect(first == "SkylakeX" && other == "Haswell" && again == "SkylakeX")
        #expect(calibrations == [["default", "Haswell", "Zen", "SkylakeX"], ["default", "Haswell", "Zen"]])
        let cached = try String(contentsOfFile: BLASKernelChoice.cachePath(cacheDirectory: directory, cpu: zen3), encoding: .utf8)
        #expect(cached == "Haswell\n")
    }
}
