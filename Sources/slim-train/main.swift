import Foundation
import SlimEngine
import SlimLog

// Until the shared parser lands: `slim-train [--model NAME] [--epochs N] [--threads N]`.
var options = TrainingRunOptions()
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
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
