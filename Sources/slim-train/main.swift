import Foundation
import SlimEngine
import SlimLog

// Until the shared parser lands: `slim-train [--model NAME] [--epochs N] [--threads N]`,
// `slim-train bench --model NAME`.
var options = TrainingRunOptions()
var bench = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    if flag == "bench" { bench = true; continue }
    guard let value = arguments.next() else { break }
    switch flag {
    case "--model": options.model = value
    case "--epochs": options.epochs = Int(value) ?? options.epochs
    case "--threads": options.threads = Int(value) ?? options.threads
    case "--dataset": options.dataset = value
    case "--cfg": options.cfg = try VGGConfig(parsing: value)
    default: break
    }
}
do {
    if bench {
        let cfg = try options.resolvedConfig()
        let input = options.model.hasPrefix("mnist") ? InputShape(channels: 1, height: 28, width: 28)
            : InputShape(channels: 3, height: 32, width: 32)
        let r = try ThroughputBenchmark(model: options.model, cfg: cfg, input: input,
                                        parallelism: Parallelism(threads: options.threads)).run()
        print("{\"engine\": \"slim \(BLAS.coreName)\", \"model\": \"\(options.model)\", \"train_images_per_second\": \(r.trainImagesPerSecond), \"inference_images_per_second\": \(r.inferenceImagesPerSecond), \"train_gflops\": \(r.trainGFLOPS), \"inference_gflops\": \(r.inferenceGFLOPS), \"peak_memory_bytes\": \(r.peakMemoryBytes)}")
        exit(0)
    }
    _ = try TrainingRun(options: options).execute(record: { event in
        if case let .epoch(e) = event {
            print(String(format: "epoch %d  lr %.4f  train loss %.4f acc %.4f  test loss %.4f acc %.4f  %.1fs",
                         e.epoch, e.lr, e.trainLoss, e.trainAccuracy, e.testLoss ?? .nan, e.testAccuracy ?? .nan, e.seconds))
        }
    })
} catch {
    FileHandle.standardError.write(Data("slim-train: \(error)\n".utf8))
    exit(1)
}
