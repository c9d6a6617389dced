import Foundation
import SlimLog

/// A network saved as safetensors with the reference code's tensor names and what is needed
/// to rebuild it in the metadata (`model`, `input` = `C,H,W`, `classes`).
///
/// VGG (`format` = `slim-vgg/1`): `feature.0.weight`, `feature.1.weight/bias/running_mean/
/// running_var`, …, `classifier.weight/bias`, and the widths as `cfg`. ResNets and DenseNets
/// (`format` = `slim-graph/1`): see `Checkpoint+Graph.swift`.
public enum Checkpoint {
    public static let format = "slim-vgg/1"

    /// The safetensors content of `network`.
    public static func contents(of network: Network) -> SafeTensors {
        if network.layers.first is LayerGraph { return graphContents(of: network) }
        return SafeTensors(tensors: network.parameters.map { ($0.name, $0.value) },
                           metadata: metadata(of: network, format: format).merging(["cfg": network.cfg.description]) { $1 })
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
    /// with the shape the cfg (or, for a ResNet or DenseNet, the model and its selections) implies.
    public static func network(from file: SafeTensors, path: String) throws(EngineError) -> Network {
        do {
            return try unnamedNetwork(from: file, path: path)
        } catch {
            // Building the model from the file's metadata can fail without knowing the file
            // (a cfg that does not parse, a depth no ResNet has): name it.
            switch error {
            case .missingFile, .malformedFile, .checkpointMismatch: throw error
            default: throw .checkpointMismatch(path: path, reason: "metadata: \(error)")
            }
        }
    }

    private static func unnamedNetwork(from file: SafeTensors, path: String) throws(EngineError) -> Network {
        let (input, classes) = try inputAndClasses(file, path: path)
        if file.metadata["format"] == graphFormat {
            return try graphNetwork(from: file, input: input, classes: classes, path: path)
        }
        guard let cfgText = file.metadata["cfg"] else {
            throw .checkpointMismatch(path: path, reason: "metadata lacks cfg, input or classes (not written by slim-train)")
        }
        var generator = SeededGenerator(seed: 0)
        var network = try VGG.make(model: file.metadata["model"] ?? "custom", cfg: VGGConfig(parsing: cfgText),
                                   input: input, classes: classes, generator: &generator)
        try assign(file, to: &network, path: path)
        return network
    }

    /// The metadata every checkpoint carries.
    static func metadata(of network: Network, format: String) -> [String: String] {
        ["format": format, "model": network.model,
         "input": "\(network.input.channels),\(network.input.height),\(network.input.width)",
         "classes": String(network.classes)]
    }

    private static func inputAndClasses(_ file: SafeTensors, path: String) throws(EngineError) -> (InputShape, Int) {
        guard let inputText = file.metadata["input"], let classes = file.metadata["classes"].flatMap({ Int($0) }) else {
            throw .checkpointMismatch(path: path, reason: "metadata lacks cfg, input or classes (not written by slim-train)")
        }
        let dims = inputText.split(separator: ",").compactMap { Int($0) }
        guard dims.count == 3 else {
            throw .checkpointMismatch(path: path, reason: "metadata input '\(inputText)' is not C,H,W")
        }
        return (InputShape(channels: dims[0], height: dims[1], width: dims[2]), classes)
    }

    /// Sets every parameter and buffer of `network` from the tensor of the same name.
    static func assign(_ file: SafeTensors, to network: inout Network, path: String) throws(EngineError) {
        for parameter in network.parameters {
            guard let value = file[parameter.name] else {
                throw .checkpointMismatch(path: path, reason: "tensor '\(parameter.name)' is missing")
            }
            guard network.setValue(value, forParameter: parameter.name) else {
                throw .checkpointMismatch(path: path, reason: "tensor '\(parameter.name)' has shape \(value.shape), the model needs \(parameter.value.shape)")
            }
        }
    }
}
