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
