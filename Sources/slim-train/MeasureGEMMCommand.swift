import SlimCLI
import SlimEngine

/// `slim-train measure-gemm`: prints single-threaded SGEMM GFLOP/s. The OpenBLAS kernel
/// calibration runs it once per candidate kernel (see `BLASKernelChoice`).
enum MeasureGEMMCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train measure-gemm",
        abstract: "Print single-threaded SGEMM GFLOP/s (used to pick OpenBLAS kernels).")

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(0...0, in: spec, what: "")
        print(BLASKernelChoice.measureGEMM())
    }
}
