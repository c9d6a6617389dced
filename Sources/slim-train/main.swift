import SlimCLI
import SlimEngine

// OpenBLAS reads its kernel choice when it loads: pick (or calibrate once per CPU) and
// re-execute before any BLAS work.
BLASKernelChoice.applyAtStartup(calibrationArguments: ["measure-gemm"])

ToolMain(
    name: "slim-train",
    version: EngineInfo.version,
    abstract: "Trains CNNs on the CPU with Network Slimming (sparsity training, global-threshold pruning, slimming, fine-tuning) and records everything in a slim-run/1 log.",
    subcommands: [TrainCommand.self, PlanCommand.self, MeasureModelCommand.self, MeasureGEMMCommand.self],
    defaultSubcommand: TrainCommand.self
).main()
