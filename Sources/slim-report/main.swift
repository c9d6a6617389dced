import SlimCLI

ToolMain(
    name: "slim-report",
    version: SlimVersion.current,
    abstract: "Checks, analyzes and draws Network Slimming run logs (schema slim-run/1).",
    subcommands: [ReportCommand.self, CompareCommand.self, ChartCommand.self,
                  CheckCommand.self, ImportCommand.self, SummaryCommand.self, WhatIfCommand.self, WatchCommand.self],
    defaultSubcommand: ReportCommand.self
).main()
