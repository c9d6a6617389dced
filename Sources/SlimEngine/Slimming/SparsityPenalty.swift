/// The L1 penalty λ·Σ|γ| on every BatchNorm scaling factor, applied as its subgradient
/// `γ.grad += λ·sign(γ)` after the normal backward pass (sign(0) = 0, as `torch.sign`).
public struct SparsityPenalty: Sendable, Equatable {
    public var lambda: Float

    public init(lambda: Float) throws(EngineError) {
        guard lambda >= 0, lambda.isFinite else { throw .invalidOption(name: "--lambda", reason: "λ must be a finite number ≥ 0, got \(lambda)") }
        self.lambda = lambda
    }

    /// Adds the subgradient to every BN γ gradient of `network`.
    public func apply(to network: inout Network) {
        guard lambda > 0 else { return }
        let lambda = self.lambda
        network.visitBatchNorms { bn in
            for c in 0..<bn.channels {
                let g = bn.weight.value.storage[c]
                bn.weight.grad.storage[c] += g > 0 ? lambda : (g < 0 ? -lambda : 0)
            }
        }
    }

    /// λ·Σ|γ| of `network`: the penalty's contribution to the loss.
    public func penalty(of network: Network) -> Float {
        lambda * network.batchNorms.reduce(0) { $0 + $1.weight.value.storage.reduce(0) { $0 + abs($1) } }
    }
}
