import SlimCLI
import SlimEngine
import SlimLog

/// `slim-train bench --model NAME`: training and inference throughput of one model, as one
/// JSON line (scripts/bench-train.sh builds the table, with PyTorch beside it).
enum BenchCommand: Subcommand {
    static let spec = CommandSpec(
        name: "slim-train bench", abstract: "Measure training and inference throughput of a model (batch 64).",
        options: [OptionSpec("model", value: "NAME", help: "a preset (default mnist-vgg)"),
                  OptionSpec("cfg", value: "LIST", help: "custom VGG widths"),
                  OptionSpec("threads", value: "N", help: "threads (default: all cores)")])

    static func run(_ a: ParsedArguments) throws {
        var options = TrainingRunOptions()
        options.model = a.string("model") ?? "mnist-vgg"
        if let cfg = a.string("cfg") { options.cfg = try VGGConfig(parsing: cfg) }
        options.threads = try a.int("threads", in: spec) ?? options.threads
        let cfg = try options.resolvedConfig()
        let input = options.model.hasPrefix("mnist") ? InputShape(channels: 1, height: 28, width: 28)
            : InputShape(channels: 3, height: 32, width: 32)
        let r = try ThroughputBenchmark(model: options.model, cfg: cfg, input: input,
                                        parallelism: Parallelism(threads: options.threads)).run()
        print("{\"engine\": \"slim \(BLAS.coreName)\", \"model\": \"\(options.model)\", \"train_images_per_second\": \(r.trainImagesPerSecond), \"inference_images_per_second\": \(r.inferenceImagesPerSecond), \"train_gflops\": \(r.trainGFLOPS), \"inference_gflops\": \(r.inferenceGFLOPS), \"peak_memory_bytes\": \(r.peakMemoryBytes)}")
    }
}
