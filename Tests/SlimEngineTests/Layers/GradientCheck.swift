import Testing
@testable import SlimEngine

/// Finite-difference checks: the loss is L = Σ output·r for a fixed random r, so the
/// analytic gradients are backward(r). Central differences with step `epsilon` in Float32;
/// the tolerance is relative to the larger of the two values with an absolute floor.
struct GradientCheck {
    var epsilon: Float = 1e-2
    var tolerance: Float = 2e-2
    var floor: Float = 2e-3

    func close(_ a: Float, _ b: Float) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b)) + floor
    }

    /// Checks ∂L/∂input and ∂L/∂parameters of `layer` at `input`.
    func check(_ layer: some NetworkLayer, input: Tensor, seed: UInt64 = 7,
               sourceLocation: SourceLocation = #_sourceLocation) {
        var generator = SeededGenerator(seed: seed)
        var probe = layer
        let output = probe.forward(input, mode: .training, parallelism: .serial)
        let r = generator.normalTensor(shape: output.shape, std: 1)
        let gradInput = probe.backward(r, needsInputGradient: true, parallelism: .serial)!
        let analytic = probe.parameters

        func loss(_ layer: some NetworkLayer, _ x: Tensor) -> Float {
            var copy = layer
            let y = copy.forward(x, mode: .training, parallelism: .serial)
            return zip(y.storage, r.storage).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for i in input.storage.indices {
            var plus = input, minus = input
            plus.storage[i] += epsilon
            minus.storage[i] -= epsilon
            let numeric = (loss(layer, plus) - loss(layer, minus)) / (2 * epsilon)
            #expect(close(numeric, gradInput.storage[i]), "\(layer.name) ∂input[\(i)]: numeric \(numeric), analytic \(gradInput.storage[i])",
                    sourceLocation: sourceLocation)
        }
        checkParameters(of: layer, analytic: analytic, visit: { $0.visitParameters($1) }, loss: { loss($0, input) },
                        sourceLocation: sourceLocation)
    }

    /// Checks each trainable parameter's gradient in `analytic` against central differences
    /// of `loss` over copies of `value` with one element of that parameter moved by ±epsilon;
    /// `visit` is `value`'s own `visitParameters`, whose order `analytic` follows.
    func checkParameters<Value, Loss: BinaryFloatingPoint>(
        of value: Value, analytic: [Parameter], visit: (inout Value, (inout Parameter) -> Void) -> Void,
        loss: (Value) -> Loss, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (index, parameter) in analytic.enumerated() where parameter.isTrainable {
            for i in parameter.value.storage.indices {
                func shifted(_ delta: Float) -> Loss {
                    var copy = value
                    var visited = 0
                    visit(&copy) { p in
                        if visited == index { p.value.storage[i] += delta }
                        visited += 1
                    }
                    return loss(copy)
                }
                let numeric = Float((shifted(epsilon) - shifted(-epsilon)) / (2 * Loss(epsilon)))
                #expect(close(numeric, parameter.grad.storage[i]),
                        "\(parameter.name)[\(i)]: numeric \(numeric), analytic \(parameter.grad.storage[i])",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

/// A random tensor whose elements stay at least `margin` away from zero (so ReLU and
/// max-pool kinks are not crossed by the finite-difference step).
func randomTensor(_ shape: [Int], seed: UInt64, margin: Float = 0) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    var t = generator.normalTensor(shape: shape, std: 1)
    for i in t.storage.indices where abs(t.storage[i]) < margin {
        t.storage[i] = t.storage[i] < 0 ? -margin - abs(t.storage[i]) : margin + t.storage[i]
    }
    return t
}
