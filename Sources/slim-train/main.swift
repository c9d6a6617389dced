import SlimCLI
import SlimEngine

ToolMain(
    name: "slim-train",
    version: EngineInfo.version,
    abstract: "Trains CNNs on the CPU with Network Slimming (sparsity training, global-threshold pruning, slimming, fine-tuning) and records everything in a slim-run/1 log.",
    subcommands: [TrainCommand.self],
    defaultSubcommand: TrainCommand.self
).main()
