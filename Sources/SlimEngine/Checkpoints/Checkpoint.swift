import Foundation
import SlimLog

/// A VGG network saved as safetensors with the reference code's tensor names
/// (`feature.0.weight`, `feature.1.weight/bias/running_mean/running_var`, …,
/// `classifier.weight/bias`) and what is needed to rebuild it in the metadata
/// (`format` = `slim-vgg/1`, `model`, `cfg`, `input` = `C,H,W`, `classes`).
public enum Checkpoint {
    public static let format = "slim-vgg/1"

    /// The safetensors content of `network`.
    public static func contents(of network: Network) -> SafeTensors {
        SafeTensors(tensors: network.parameters.map { ($0.name, $0.value) },
                    metadata: ["format": format, "model": network.model, "cfg": network.cfg.description,
                               "input": "\(network.input.channels),\(network.input.height),\(network.input.width)",
                               "classes": String(network.classes)])
    }

    /// Saves `network` to `path` atomically.
    public static func save(_ network: Network, to path: String) throws(EngineError) {
        try contents(of: network).write(to: path)
    }

    /// Rebuilds the network saved at `path`.
    public static func load(path: String) throws(EngineError) -> Network {
        try network(from: SafeTensors.read(path: path), path: path)
    }

    /// Rebuilds a network from checkpoint contents; every parameter and buffer must be present
    /// with the shape the cfg implies.
    public static func network(from file: SafeTensors, path: String) throws(EngineError) -> Network {
        guard let cfgText = file.metadata["cfg"], let inputText = file.metadata["input"],
              let classes = file.metadata["classes"].flatMap({ Int($0) }) else {
            throw .checkpointMismatch(path: path, reason: "metadata lacks cfg, input or classes (not written by slim-train)")
        }
        let dims = inputText.split(separator: ",").compactMap { Int($0) }
        guard dims.count == 3 else {
            throw .checkpointMismatch(path: path, reason: "metadata input '\(inputText)' is not C,H,W")
        }
        let cfg = try VGGConfig(parsing: cfgText)
        var generator = SeededGenerator(seed: 0)
        var network = try VGG.make(model: file.metadata["model"] ?? "custom", cfg: cfg,
                                   input: InputShape(channels: dims[0], height: dims[1], width: dims[2]),
                                   classes: classes, generator: &generator)
        for parameter in network.parameters {
            guard let value = file[parameter.name] else {
                throw .checkpointMismatch(path: path, reason: "tensor '\(parameter.name)' is missing")
            }
            guard network.setValue(value, forParameter: parameter.name) else {
                throw .checkpointMismatch(path: path, reason: "tensor '\(parameter.name)' has shape \(value.shape), the cfg needs \(parameter.value.shape)")
            }
        }
        return network
    }
}
