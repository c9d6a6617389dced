import Testing
import SlimPruning
@testable import SlimEngine

extension Network {
    /// Gives every BN layer random γ, β and running statistics, so that every channel matters
    /// and a wrong copy in a surgery test shows up in the outputs.
    mutating func randomizeBatchNorms(_ generator: inout SeededGenerator) {
        visitBatchNorms { bn in
            for c in 0..<bn.channels {
                bn.weight.value.storage[c] = generator.normal(std: 1)
                bn.bias.value.storage[c] = generator.normal(std: 0.5)
                bn.runningMean.value.storage[c] = generator.normal(std: 0.1)
                bn.runningVar.value.storage[c] = 0.5 + abs(generator.normal(std: 0.5))
            }
        }
    }
}

extension Network {
    /// Expects that slimming by `plan` with β compensation computes what this network computes
    /// on `x` in evaluation mode (within `tolerance`), and that dropping the channels plainly
    /// does not — the removed channels' constants mattered.
    func expectCompensationIsExact(_ plan: PrunePlan, on x: Tensor, tolerance: Float,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        var original = self
        let expected = original.forward(x, mode: .evaluation, parallelism: .serial)
        var compensated = try slimmed(by: plan, compensation: .beta)
        var dropped = try slimmed(by: plan, compensation: .none)
        let exact = compensated.forward(x, mode: .evaluation, parallelism: .serial)
        let shifted = dropped.forward(x, mode: .evaluation, parallelism: .serial)
        #expect(zip(exact.storage, expected.storage).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) },
                sourceLocation: sourceLocation)
        #expect(zip(shifted.storage, expected.storage).contains { abs($0 - $1) > 1e-3 }, sourceLocation: sourceLocation)
    }
}
