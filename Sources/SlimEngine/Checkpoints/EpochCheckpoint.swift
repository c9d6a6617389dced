import SlimLog

/// The state at the end of an epoch: the network, the optimizer's momentum and where the run
/// stands. Written after every epoch over the previous one (`latest-epoch.safetensors`), so a
/// stopped or killed run loses at most the epoch in progress and resumes bit for bit.
///
/// Safetensors: the network's tensors as in `Checkpoint`, plus `optimizer.momentum.N` for
/// the N-th trainable parameter, and `epoch_state` = `pass,phase,epoch,step` in the metadata.
public struct EpochCheckpoint {
    /// The file name slim-train uses in a run folder.
    public static let fileName = "latest-epoch.safetensors"

    public var network: Network
    public var optimizer: SGD
    public var pass: Int
    public var phase: Phase
    /// Epochs of the phase completed (1-based epoch just ended).
    public var epoch: Int
    /// Optimizer steps since the start of the run.
    public var step: Int

    public init(network: Network, optimizer: SGD, pass: Int, phase: Phase, epoch: Int, step: Int) {
        self.network = network; self.optimizer = optimizer; self.pass = pass; self.phase = phase
        self.epoch = epoch; self.step = step
    }

    /// Writes the checkpoint atomically (an existing one is replaced only when complete).
    public func save(to path: String) throws(EngineError) {
        var file = Checkpoint.contents(of: network)
        for (index, buffer) in optimizer.momentumBuffers.enumerated() {
            file.tensors.append(("optimizer.momentum.\(index)", Tensor(shape: [buffer.count], values: buffer)))
        }
        file.metadata["epoch_state"] = "\(pass),\(phase.rawValue),\(epoch),\(step)"
        try file.write(to: path)
    }

    /// Reads a checkpoint `save` wrote; the optimizer gets `momentum` and `weightDecay`.
    public static func load(path: String, momentum: Float, weightDecay: Float) throws(EngineError) -> EpochCheckpoint {
        let file = try SafeTensors.read(path: path)
        let network = try Checkpoint.network(from: file, path: path)
        let fields = (file.metadata["epoch_state"] ?? "").split(separator: ",").map(String.init)
        guard fields.count == 4, let pass = Int(fields[0]), !fields[1].isEmpty,
              let epoch = Int(fields[2]), let step = Int(fields[3]), pass >= 0, epoch >= 1, step >= 0 else {
            throw .checkpointMismatch(path: path, reason: "metadata epoch_state must be 'pass,phase,epoch,step'")
        }
        var optimizer = SGD(momentum: momentum, weightDecay: weightDecay)
        var buffers: [[Float]] = []
        let sizes = network.parameters.filter(\.isTrainable).map(\.value.count)
        for (index, size) in sizes.enumerated() {
            guard let tensor = file["optimizer.momentum.\(index)"] else {
                if index == 0 { break }
                throw .checkpointMismatch(path: path, reason: "tensor 'optimizer.momentum.\(index)' is missing")
            }
            guard tensor.storage.count == size else {
                throw .checkpointMismatch(path: path, reason: "tensor 'optimizer.momentum.\(index)' has \(tensor.storage.count) values, the parameter has \(size)")
            }
            buffers.append(tensor.storage)
        }
        optimizer.momentumBuffers = buffers
        return EpochCheckpoint(network: network, optimizer: optimizer, pass: pass, phase: Phase(rawValue: fields[1]), epoch: epoch, step: step)
    }
}
