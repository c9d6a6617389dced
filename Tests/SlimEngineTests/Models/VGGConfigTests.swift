import Testing
import SlimLog
@testable import SlimEngine

@Suite("VGG from a cfg")
struct VGGConfigTests {
    @Test func parsesWidthsAndPools() throws {
        let cfg = try VGGConfig(parsing: "32, 32,M,64")
        #expect(cfg.items == [.conv(32), .conv(32), .maxPool, .conv(64)])
        #expect(cfg.description == "32,32,M,64")
        #expect(cfg.logItems == ["32", "32", "M", "64"])
        #expect(cfg.withWidths([1, 2, 3]).description == "1,2,M,3")
    }

    @Test func presetsMatchTheIssue() {
        #expect(VGGConfig.preset("vgg19")?.description == "64,64,M,128,128,M,256,256,256,256,M,512,512,512,512,M,512,512,512,512")
        #expect(VGGConfig.preset("mnist-vgg")?.description == "32,32,M,64,64,M,128,128,M")
        #expect(VGGConfig.preset("mnist-small")?.description == "16,M,32,M,64,64,M")
        #expect(VGGConfig.preset("resnet") == nil)
    }

    @Test func badConfigMessages() {
        #expect(throws: EngineError.invalidConfig("32,x", reason: "'x' is neither a positive width nor M")) {
            try VGGConfig(parsing: "32,x")
        }
        #expect(EngineError.invalidConfig("32,x", reason: "'x' is neither a positive width nor M").description
            == "cfg '32,x' is invalid: 'x' is neither a positive width nor M; give widths and M separated by commas, e.g. 32,32,M,64")
        #expect(EngineError.unknownModel("vgg7").description
            == "unknown model 'vgg7': use one of vgg11, vgg13, vgg16, vgg19, mnist-small, mnist-vgg, resnet20, resnet56, resnet164, densenet40, densenet40-paper or give --cfg")
    }

    @Test func cfgThatDoesNotFitIsRefused() throws {
        var generator = SeededGenerator(seed: 1)
        let error = EngineError.configDoesNotFit(cfg: "4,M,M", input: [1, 2, 2], reason: "feature.4 would pool a 1×1 map")
        #expect(throws: error) {
            try VGG.make(model: "x", cfg: VGGConfig(parsing: "4,M,M"), input: InputShape(channels: 1, height: 2, width: 2),
                         classes: 2, generator: &generator)
        }
        #expect(error.description == "cfg 4,M,M does not fit input 1×2×2: feature.4 would pool a 1×1 map; use fewer M entries")
    }

    @Test func referenceNamesShapesAndInitialisation() throws {
        var generator = SeededGenerator(seed: 1)
        let net = try VGG.make(model: "mnist-vgg", cfg: VGGConfig.preset("mnist-vgg")!,
                               input: InputShape(channels: 1, height: 28, width: 28), classes: 10, generator: &generator)
        let names = net.parameters.map(\.name)
        #expect(names.prefix(5) == ["feature.0.weight", "feature.1.weight", "feature.1.bias", "feature.1.running_mean",
                                    "feature.1.running_var"])
        #expect(names.suffix(2) == ["classifier.weight", "classifier.bias"])
        #expect(net.parameter(named: "classifier.weight")?.value.shape == [10, 1152])
        #expect(net.batchNorms.map(\.name) == ["feature.1", "feature.4", "feature.8", "feature.11", "feature.15", "feature.18"])
        #expect(net.batchNorms.allSatisfy { $0.weight.value.storage.allSatisfy { $0 == 0.5 } })
        // conv std √(2/(3·3·out)): feature.14 has out = 128.
        let w = net.parameter(named: "feature.14.weight")!.value.storage
        let std = (w.reduce(0) { $0 + $1 * $1 } / Float(w.count)).squareRoot()
        #expect(abs(std - (2 / Float(9 * 128)).squareRoot()) < 0.002)
        let arch = net.architecture(pass: 0)
        #expect(arch.layers.last?.name == "classifier" && arch.layers.last?.inShape == [1152])
        #expect(arch.layers.first { $0.name == "feature.1" }?.prunable == true)
        #expect(net.multiplyAccumulates > 0)
    }

    @Test func cifarLayoutEndsInGlobalPool() throws {
        var generator = SeededGenerator(seed: 1)
        let net = try VGG.make(model: "vgg19", cfg: VGGConfig.preset("vgg19")!,
                               input: InputShape(channels: 3, height: 32, width: 32), classes: 10, generator: &generator)
        let arch = net.architecture(pass: 0)
        #expect(arch.layers.suffix(2).map(\.op) == [.globalAvgpool, .linear])
        // The paper's VGG-19 on CIFAR-10: about 20.04 M parameters and 3.98×10⁸ MACs.
        #expect(abs(Double(net.parameterCount) - 20.04e6) < 0.01e6)
        #expect(abs(Double(net.multiplyAccumulates) - 3.98e8) < 0.01e8)
    }
}
