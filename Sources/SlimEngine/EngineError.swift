/// Everything that can go wrong in the engine, with messages that say what to do.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(String, reason: String)
    case unknownModel(String)
    case invalidDepth(model: String, reason: String)
    case configDoesNotFit(cfg: String, input: [Int], reason: String)
    case missingFile(path: String, expected: String)
    case malformedFile(path: String, reason: String)
    case unknownDataset(String)
    case checkpointMismatch(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    case pruneMismatch(layer: String, reason: String)
    case invalidOption(name: String, reason: String)
    case resumeImpossible(directory: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidConfig(text, reason):
            return "cfg '\(text)' is invalid: \(reason); give widths and M separated by commas, e.g. 32,32,M,64"
        case let .unknownModel(name):
            return "unknown model '\(name)': use one of \((VGGConfig.presetNames + TrainingRunOptions.graphModelNames).joined(separator: ", ")) or give --cfg"
        case let .invalidDepth(model, reason):
            return "model '\(model)' has an invalid depth: \(reason)"
        case let .configDoesNotFit(cfg, input, reason):
            return "cfg \(cfg) does not fit input \(input.map(String.init).joined(separator: "×")): \(reason); use fewer M entries"
        case let .missingFile(path, expected):
            return "\(path): file not found; expected \(expected)"
        case let .malformedFile(path, reason):
            return "\(path): \(reason)"
        case let .unknownDataset(name):
            return "unknown dataset '\(name)': give mnist-5k, fashion-mnist, or a path with --data-dir and --dataset mnist, cifar10 or cifar100"
        case let .checkpointMismatch(path, reason):
            return "\(path): checkpoint does not match the model: \(reason)"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason))"
        case let .pruneMismatch(layer, reason):
            return "cannot slim \(layer): \(reason)"
        case let .invalidOption(name, reason):
            return "\(name): \(reason)"
        case let .resumeImpossible(directory, reason):
            return "cannot resume \(directory): \(reason)"
        }
    }
}
