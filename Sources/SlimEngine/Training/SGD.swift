/// Stochastic gradient descent with momentum and weight decay, with PyTorch's exact
/// semantics (dampening 0, no Nesterov): `d = grad + wd·p`; `buf = d` on the first step,
/// then `buf = momentum·buf + d`; `p −= lr·buf`. Weight decay applies to every trainable
/// parameter, BatchNorm included, as in the reference code.
public struct SGD: Sendable {
    public var momentum: Float
    public var weightDecay: Float
    /// One momentum buffer per trainable parameter, in visiting order; empty before step 1.
    private var buffers: [[Float]] = []

    public init(momentum: Float, weightDecay: Float) {
        self.momentum = momentum; self.weightDecay = weightDecay
    }

    /// The momentum buffers, one per trainable parameter in visiting order (empty before the
    /// first step); an epoch checkpoint saves and restores them so a resumed run continues
    /// exactly where it stopped.
    public var momentumBuffers: [[Float]] {
        get { buffers }
        set { buffers = newValue }
    }

    /// Updates every trainable parameter of `network` from its gradient.
    public mutating func step(_ network: inout Network, learningRate lr: Float, parallelism: Parallelism) {
        var index = 0
        let first = buffers.isEmpty, momentum = momentum, wd = weightDecay
        network.visitParameters { p in
            guard p.isTrainable else { return }
            if first { buffers.append([Float](repeating: 0, count: p.value.count)) }
            precondition(buffers[index].count == p.value.count, "SGD: parameter \(p.name) changed size; make a new optimizer")
            p.grad.storage.withUnsafeBufferPointer { g in
                p.value.storage.withUnsafeMutableBufferPointer { v in
                    buffers[index].withUnsafeMutableBufferPointer { b in
                        parallelism.forEachRange(v.count, grain: 1 << 15) { range in
                            for i in range {
                                let d = g[i] + wd * v[i]
                                let next = first ? d : momentum * b[i] + d
                                b[i] = next
                                v[i] -= lr * next
                            }
                        }
                    }
                }
            }
            index += 1
        }
    }
}

/// The multi-step schedule: the base rate times `gamma` for every milestone passed, where a
/// milestone `m` (a fraction of the epochs) is passed from 0-based epoch ⌈m·epochs⌉ on —
/// for 160 epochs and [0.5, 0.75] that is epochs 80 and 120, as in the reference code.
public struct MultiStepSchedule: Sendable, Equatable {
    public var base: Double
    public var milestones: [Double]
    public var gamma: Double
    public var epochs: Int

    public init(base: Double, milestones: [Double] = [0.5, 0.75], gamma: Double = 0.1, epochs: Int) {
        self.base = base; self.milestones = milestones; self.gamma = gamma; self.epochs = epochs
    }

    /// The rate for 0-based `epoch`.
    public func rate(epoch: Int) -> Double {
        let passed = milestones.filter { Double(epoch) >= $0 * Double(epochs) }.count
        var rate = base
        for _ in 0..<passed { rate *= gamma }
        return rate
    }
}
