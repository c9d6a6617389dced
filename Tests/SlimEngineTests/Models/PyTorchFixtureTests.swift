import Foundation
import Testing
import SlimLog
@testable import SlimEngine

/// Compares the engine with PyTorch on fixtures made once by scripts/pytorch/make_fixture.py
/// (torch is not needed to run these tests). Tolerance: |a − b| ≤ 1e-4·max(|a|, |b|) + 1e-6
/// for logits, loss and gradients, and 1e-4 relative + 1e-5 absolute after 3 SGD steps.
@Suite("PyTorch cross-check")
struct PyTorchFixtureTests {
    static func fixture(_ name: String) throws -> SafeTensors {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"))
        return try SafeTensors.read(path: url.path)
    }

    /// The fixture's network with its initial parameters and buffers.
    static func network(_ file: SafeTensors) throws -> Network {
        let dims = file.metadata["input"]!.split(separator: ",").map { Int($0)! }
        var generator = SeededGenerator(seed: 0)
        var network = try VGG.make(model: "fixture", cfg: VGGConfig(parsing: file.metadata["cfg"]!),
                                   input: InputShape(channels: dims[0], height: dims[1], width: dims[2]),
                                   classes: Int(file.metadata["classes"]!)!, generator: &generator)
        for parameter in network.parameters {
            let value = try #require(file["init." + parameter.name], "fixture lacks init.\(parameter.name)")
            let accepted = network.setValue(value, forParameter: parameter.name)
            #expect(accepted, "fixture init.\(parameter.name) has shape \(value.shape)")
        }
        return network
    }

    static func expectClose(_ actual: [Float], _ expected: [Float], relative: Float, absolute: Float, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        let worst = zip(actual, expected).enumerated().max { a, b in
            abs(a.element.0 - a.element.1) < abs(b.element.0 - b.element.1)
        }
        for (i, (a, e)) in zip(actual, expected).enumerated() where abs(a - e) > relative * max(abs(a), abs(e)) + absolute {
            Issue.record("\(what)[\(i)]: \(a), PyTorch \(e) (worst index \(worst?.offset ?? -1))", sourceLocation: sourceLocation)
            return
        }
    }

    @Test(arguments: ["vgg-avgpool", "vgg-flatten", "vgg-winograd"])
    func forwardBackwardAndThreeSteps(fixture name: String) throws {
        let file = try Self.fixture(name)
        var network = try Self.network(file)
        let input = try #require(file["input"])
        let labels = try #require(file["labels"]).storage.map { Int32($0) }
        let lr = Float(file.metadata["lr"]!)!
        var optimizer = SGD(momentum: Float(file.metadata["momentum"]!)!, weightDecay: Float(file.metadata["weight_decay"]!)!)
        for step in 0..<3 {
            network.zeroGradients()
            let logits = network.forward(input, mode: .training, parallelism: Parallelism(threads: 2))
            let loss = SoftmaxCrossEntropy(logits: logits, labels: labels)
            network.backward(loss.gradient, parallelism: Parallelism(threads: 2))
            if step == 0 {
                Self.expectClose(logits.storage, file["logits"]!.storage, relative: 1e-4, absolute: 1e-6, "\(name) logits")
                Self.expectClose([Float(loss.loss)], file["loss"]!.storage, relative: 1e-4, absolute: 1e-6, "\(name) loss")
                for parameter in network.parameters where parameter.isTrainable {
                    let expected = try #require(file["grad." + parameter.name])
                    Self.expectClose(parameter.grad.storage, expected.storage, relative: 1e-4, absolute: 1e-6,
                                     "\(name) grad \(parameter.name)")
                }
            }
            optimizer.step(&network, learningRate: lr, parallelism: Parallelism(threads: 2))
        }
        for parameter in network.parameters {
            let expected = try #require(file["step3." + parameter.name])
            Self.expectClose(parameter.value.storage, expected.storage, relative: 1e-4, absolute: 1e-5,
                             "\(name) after 3 steps \(parameter.name)")
        }
    }
}
