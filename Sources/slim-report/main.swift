import SlimCLI

ToolMain(
    name: "slim-report",
    version: SlimVersion.current,
    abstract: "Checks, analyzes and draws Network Slimming run logs (schema slim-run/1).",
    subcommands: [CheckCommand.self, ImportCommand.self, SummaryCommand.self, WhatIfCommand.self]
).main()
