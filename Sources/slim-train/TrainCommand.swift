import Foundation
import SlimCLI
import SlimEngine
import SlimLog

/// `slim-train [train] --model NAME … --out DIR`: the Network Slimming loop.
enum TrainCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train train",
        abstract: "Sparsity-train, prune, slim and fine-tune a network; record it all in DIR/run.log.",
        options: [
            OptionSpec("model", value: "NAME", help: "vgg11, vgg13, vgg16, vgg19, mnist-small, mnist-vgg, resnet20, resnet56, resnet164, densenet40, densenet40-paper (resnetN: N = 9n+2, densenetN[-paper]: N = 3n+4; default mnist-vgg)"),
            OptionSpec("cfg", value: "LIST", help: "custom VGG widths, e.g. 32,32,M,64 (M = 2×2 max-pool)"),
            OptionSpec("dataset", value: "NAME", help: "mnist-5k (embedded, default), fashion-mnist (Debian package dataset-fashion-mnist), mnist, cifar10, cifar100"),
            OptionSpec("data-dir", value: "DIR", help: "folder with the dataset files (not for mnist-5k; fashion-mnist defaults to /usr/share/datasets/fashion-mnist)"),
            OptionSpec("epochs", value: "N", help: "sparsity-training epochs (default 10)"),
            OptionSpec("lambda", value: "λ", help: "L1 penalty on BN γ (default 1e-4; 0 = plain baseline)"),
            OptionSpec("prune-ratio", value: "P", help: "fraction of remaining channels each pass removes, in [0, 1) (default 0.5)"),
            OptionSpec("passes", value: "K", help: "prune + fine-tune repetitions (default 1; 0 = train only)"),
            OptionSpec("finetune-epochs", value: "N", help: "fine-tuning epochs after each prune (default 5)"),
            OptionSpec("min-channels", value: "N", help: "collapse guard: channels every layer keeps (default 1)"),
            OptionSpec("max-layer-ratio", value: "R", help: "collapse guard: most of a layer one pass may remove, e.g. 0.5"),
            OptionSpec("compensation", value: "NAME", help: "beta (default): fold each removed channel's constant output ReLU(β) into the next layer; none: drop it, as the reference code does"),
            OptionSpec("measure-rounded", value: "LIST", help: "at every prune also time the kept widths rounded up to these multiples (default 4,8,16; none = skip)"),
            OptionSpec("lr", value: "RATE", help: "initial learning rate (default 0.1; ×0.1 at 50 % and 75 % of the epochs)"),
            OptionSpec("batch-size", value: "N", help: "mini-batch size (default 64)"),
            OptionSpec("weight-decay", value: "W", help: "default 1e-4"),
            OptionSpec("seed", value: "N", help: "random seed; same seed, same run (default 1)"),
            OptionSpec("threads", value: "N", help: "threads (default: all cores, or SLIM_THREADS)"),
            OptionSpec("blas-kernel", value: "NAME", help: "OpenBLAS kernels: auto (default: measured once per CPU), default, Haswell, Zen, …"),
            OptionSpec("gamma-every", value: "N", help: "also record γ every N steps (default: epoch ends only)"),
            OptionSpec("name", value: "TEXT", help: "run name shown in reports"),
            OptionSpec("out", short: "o", value: "DIR", help: "output folder for run.log and checkpoints (default runs/<model>-<unix seconds>)"),
            OptionSpec("resume", value: "DIR", help: "continue a killed or stopped run in DIR, appending to its run.log"),
        ],
        discussion: """
        Examples:
          slim-train --model mnist-vgg --epochs 5 --lambda 1e-3 --prune-ratio 0.5 --out runs/l1e-3
          slim-train --model vgg19 --dataset cifar10 --data-dir cifar-10-batches-bin --lambda 1e-4 --prune-ratio 0.7
        Ctrl-C stops after the current epoch and still writes the log's 'end' line.
        """)

    static func options(from a: ParsedArguments) throws -> SlimmingOptions {
        try a.requirePositionals(0...0, in: spec, what: "")
        var t = TrainingRunOptions(epochs: 10)
        try ModelChoice.apply(a, to: &t, in: spec)
        t.dataDirectory = a.string("data-dir")
        if let entry = DatasetCatalog.entry(t.dataset), !entry.embedded, entry.defaultDirectory == nil, t.dataDirectory == nil {
            throw UsageError(command: spec, message: "option '--dataset \(t.dataset)' needs '--data-dir DIR', the folder with \(entry.files); only mnist-5k is embedded")
        }
        t.epochs = try a.int("epochs", in: spec) ?? t.epochs
        t.learningRate = try a.double("lr", in: spec) ?? t.learningRate
        t.batchSize = try a.int("batch-size", in: spec) ?? t.batchSize
        t.weightDecay = try a.double("weight-decay", in: spec) ?? t.weightDecay
        if let seed = try a.int("seed", in: spec) {
            guard seed >= 0 else { throw UsageError(command: spec, message: "option '--seed' must be ≥ 0, got \(seed)") }
            t.seed = UInt64(seed)
        }
        if let threads = try a.int("threads", in: spec) {
            guard threads >= 1 else { throw UsageError(command: spec, message: "option '--threads' must be ≥ 1, got \(threads)") }
            t.threads = threads
        }
        t.gammaEvery = try a.int("gamma-every", in: spec)
        t.name = a.string("name")
        var s = SlimmingOptions(training: t)
        s.lambda = try a.double("lambda", in: spec) ?? s.lambda
        s.pruneRatio = try a.double("prune-ratio", in: spec) ?? s.pruneRatio
        s.passes = try a.int("passes", in: spec) ?? s.passes
        s.finetuneEpochs = try a.int("finetune-epochs", in: spec) ?? s.finetuneEpochs
        s.minChannels = try a.int("min-channels", in: spec) ?? s.minChannels
        s.maxLayerRatio = try a.double("max-layer-ratio", in: spec)
        if let name = a.string("compensation") {
            guard let compensation = PruneCompensation(rawValue: name) else {
                throw UsageError(command: spec, message: "option '--compensation': unknown value '\(name)'; use beta or none")
            }
            s.compensation = compensation
        }
        if let list = a.string("measure-rounded") {
            let items = list == "none" ? [] : list.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard items.allSatisfy({ $0 != nil }) else {
                throw UsageError(command: spec, message: "option '--measure-rounded': expected multiples like 4,8,16 or none, got '\(list)'")
            }
            s.roundingMultiples = items.compactMap { $0 }
        }
        do {
            try s.validate()
        } catch {
            guard case let .invalidOption(name, reason) = error else { throw error }
            throw UsageError(command: spec, message: "option '\(name)': \(reason)")
        }
        return s
    }

    static func run(_ a: ParsedArguments) throws {
        let options: SlimmingOptions
        let out: String
        let log: LogWriter
        let dataset: Dataset
        var resume: SlimmingRun.ResumePoint?
        if let kernel = a.string("blas-kernel"), !BLASKernelChoice.knownRequests.contains(where: { $0.lowercased() == kernel.lowercased() }) {
            let close = Suggestion.phrase(for: kernel, in: BLASKernelChoice.knownRequests)
            throw UsageError(command: spec, message: "option '--blas-kernel': unknown kernel '\(kernel)'" + (close.isEmpty
                ? "; use auto, default or one of \(BLASKernelChoice.knownRequests.dropFirst(2).joined(separator: ", "))" : close))
        }
        if let directory = a.string("resume") {
            let given = a.values.keys.filter { !["resume", "threads", "blas-kernel"].contains($0) }.sorted()
            guard given.isEmpty else {
                throw UsageError(command: spec, message: "--resume takes the settings from the run's log; drop " + given.map { "--\($0)" }.joined(separator: ", "))
            }
            out = directory
            let held = try RunFolder.holdsNoTraining(directory + "/run.log")
            if held == "it is empty" {
                throw EngineError.resumeImpossible(directory: directory, reason: "its run.log is empty (the run stopped before recording its settings); start it again with its options and --out \(directory)")
            }
            let (events, _) = try LogReader.readAll(path: directory + "/run.log")
            var (resumed, point) = try SlimmingRun.resumePoint(directory: directory, events: events)
            resumed.training.threads = try a.int("threads", in: spec) ?? resumed.training.threads
            options = resumed
            dataset = try options.training.loadDataset()
            if held != nil && point.network == nil {
                // Nothing trained yet: the run starts over from its settings, header included.
                CommandRunner.printLine("\(directory)/run.log holds only its header (the run stopped before training); starting it afresh with its settings")
                try FileManager.default.removeItem(atPath: directory + "/run.log")
                log = try LogWriter(path: directory + "/run.log", mode: .create)
            } else {
                resume = point
                log = try LogWriter(path: directory + "/run.log", mode: .append)
            }
        } else {
            options = try Self.options(from: a)
            out = a.string("out") ?? "runs/\(options.training.model)-\(Int(Date().timeIntervalSince1970))"
            // Everything that can fail is checked before run.log exists.
            dataset = try options.training.loadDataset()
            log = try RunFolder.createLog(in: out)
        }
        if let resume {
            let trainingPhase: Phase = options.lambda > 0 ? .sparsity : .baseline
            let (pass, phase, epoch): (Int, Phase, Int) = switch resume.stage {
            case .train: (0, trainingPhase, resume.epochsDone + 1)
            case let .prune(k): (k, .pruned, 0)
            case let .finetune(k): (k, .finetune, resume.epochsDone + 1)
            }
            try log.append(.resume(ResumeMarker(created: ISO8601DateFormatter().string(from: Date()), pass: pass,
                                                phase: phase, epoch: epoch, step: resume.step)))
            CommandRunner.printLine("resuming \(out) at pass \(pass) \(phase)" + (epoch > 0 ? " epoch \(epoch)" : ""))
        }
        let logPath = out + "/run.log"
        let stop = StopSignal()
        let handlers = stop.install()
        var bar: ProgressLine?
        var eta = RunETA(options: options)
        let outputs = SlimmingRun.Outputs(
            record: { event in
                try log.append(event)
                switch event {
                case let .epoch(e):
                    bar?.finish()
                    bar = nil
                    CommandRunner.printLine(String(format: "pass %d %@ epoch %d  lr %.4g  train loss %.4f acc %.2f%%  test loss %.4f acc %.2f%%  %.1fs",
                                 e.pass, e.phase.rawValue, e.epoch, e.lr, e.trainLoss, e.trainAccuracy * 100,
                                 e.testLoss ?? .nan, (e.testAccuracy ?? .nan) * 100, e.seconds))
                case let .prune(p):
                    let widths = p.layers.map { "\($0.after)" }.joined(separator: ",")
                    CommandRunner.printLine(String(format: "pass %d prune p=%.2f threshold %.4g: widths %@; test acc %.2f%% → %.2f%%",
                                 p.pass, p.ratio, p.threshold, widths, (p.accuracyBefore ?? .nan) * 100, (p.accuracyAfter ?? .nan) * 100)
                          + (p.accuracyAfterUncompensated.map { String(format: " (%.2f%% without compensation)", $0 * 100) } ?? ""))
                case let .end(e):
                    CommandRunner.printLine("\(e.status.rawValue) after \(String(format: "%.1f", e.seconds)) s; log: \(logPath)")
                default: break
                }
            },
            checkpoint: { network, stem in try Checkpoint.save(network, to: "\(out)/\(stem).safetensors") },
            progress: { p in
                if bar == nil || p.batch == 1 { bar = ProgressLine(label: "pass \(p.pass) \(p.phase) epoch \(p.epoch)/\(p.epochs)", total: p.batches) }
                bar?.update(p.batch, unit: "batches",
                            detail: String(format: "loss %.3f acc %.1f%% %.0f img/s", p.loss, p.accuracy * 100, p.imagesPerSecond),
                            remainingSeconds: eta.remaining(at: p))
            },
            phaseEnded: { try log.sync() },
            warn: { CommandRunner.printError("slim-train: warning: \($0)") },
            measure: { network, pass, phase in
                let isolated = IsolatedMeasurement(directory: out, threads: options.training.threads)
                do {
                    return try isolated.measure(network, pass: pass, phase: phase)
                } catch {
                    CommandRunner.printError("slim-train: warning: \(error); measuring in this process instead")
                    return LatencyMeasurement(parallelism: Parallelism(threads: options.training.threads))
                        .measure(network, pass: pass, phase: phase)
                }
            },
            epochEnded: { state in
                try log.sync()
                try state.save(to: "\(out)/\(EpochCheckpoint.fileName)")
            })
        try SlimmingRun(options: options).execute(outputs, stop: stop, resume: resume, dataset: dataset)
        withExtendedLifetime(handlers) {}
    }
}
