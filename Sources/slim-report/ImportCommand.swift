import Foundation
import SlimCLI
import SlimImport

/// `slim-report import CHECKPOINT [--pruned PRUNED] [--arch …] -o run.log`: turns PyTorch
/// network-slimming checkpoints into a run log.
enum ImportCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-report import", abstract: "Turn PyTorch network-slimming checkpoints into a run log.",
        arguments: "CHECKPOINT",
        options: [
            OptionSpec("pruned", value: "PRUNED", help: "The pruned checkpoint made from CHECKPOINT (adds a prune event)."),
            OptionSpec("arch", value: "vgg|resnet|densenet", help: "The architecture, when the tensor names do not tell."),
            OptionSpec("output", short: "o", value: "RUN.log", help: "The log to write (must not exist)."),
            WrittenFile.quietOption,
        ],
        discussion: """
            Reads zip (PyTorch ≥1.6) and legacy checkpoints without Python; pickles that name anything
            but state-dict types are refused, never executed. See docs/pytorch.md.
              slim-report import model_best.pth.tar --pruned pruned.pth.tar -o run.log
            """)

    static func run(_ arguments: ParsedArguments) throws {
        try arguments.requirePositionals(1...1, in: spec, what: "the checkpoint to import")
        guard let output = arguments.string("output") else {
            throw UsageError(command: spec, message: "missing '-o RUN.log', the log to write")
        }
        var family: ArchitectureFamily?
        if let arch = arguments.string("arch") {
            guard let known = ArchitectureFamily(rawValue: arch) else {
                throw UsageError(command: spec, message: "option '--arch' expects vgg, resnet or densenet, got '\(arch)'"
                                 + Suggestion.phrase(for: arch, in: ["vgg", "resnet", "densenet"]))
            }
            family = known
        }
        let imported = try CheckpointImport(checkpoint: arguments.positionals[0], pruned: arguments.string("pruned"),
                                            family: family)
        let now = Date()
        let created = ISO8601DateFormatter().string(from: now)
        let stem = URL(fileURLWithPath: arguments.positionals[0]).lastPathComponent
            .replacingOccurrences(of: ".pth.tar", with: "").replacingOccurrences(of: ".pth", with: "")
        let stamp = created.filter(\.isNumber).prefix(8) + "-" + created.filter(\.isNumber).dropFirst(8).prefix(6)
        try imported.write(to: output, created: created, runID: "\(stamp)-import-\(stem)")
        Terminal.print(imported.summary.map { $0 + "\n" }.joined())
        for warning in imported.warnings { CommandRunner.printError("warning: \(warning)") }
        WrittenFile.announce(output, arguments)
    }
}
