import Testing
import SlimLog
@testable import SlimAnalysis

@Suite struct NetworkCostTests {
    @Test func vgg19ForCIFAR10MatchesThePaper() throws {
        let cost = try NetworkCost(architecture: Networks.vgg(Networks.vgg19))
        // Conv weights 20,018,880 + BN affine 11,008 + linear 5,130.
        #expect(cost.params == 20_035_018)
        #expect((Double(cost.params) / 1e6 * 100).rounded() / 100 == 20.04)
        #expect(cost.macs == 398_136_320)
        #expect(cost.flops == 796_272_640)
        // Counting BN, ReLU, pooling and bias too gives the paper's table figure 7.97×10⁸.
        #expect(cost.allOpsFLOPs == 797_306_890)
        #expect((Double(cost.allOpsFLOPs) / 1e6).rounded() / 100 == 7.97)
        #expect(cost.buffers == 11_008)
        #expect(cost.modelBytes == 4 * (20_035_018 + 11_008))
    }

    @Test func smallNetworkCountedByHand() throws {
        // conv 1→2, 3×3, 4×4 input: 2·1·9 = 18 weights, MACs 2·4·4·9 = 288;
        // BN 2 ch: 4 params, 4 buffers; maxpool → 2×2; flatten 8; linear 8→3 + bias: 27.
        let arch = Networks.vgg(["2", "M"], input: [1, 4, 4], classes: 3, flatten: true)
        let cost = try NetworkCost(architecture: arch)
        #expect(cost.layers.map(\.params) == [18, 4, 0, 0, 0, 27])
        #expect(cost.params == 49)
        #expect(cost.buffers == 4)
        #expect(cost.macs == 288 + 24)
        #expect(cost.flops == 624)
        // + BN 2·32 + ReLU 32 + pool 4·8 + bias 3.
        #expect(cost.allOpsFLOPs == 624 + 64 + 32 + 32 + 3)
        // Input 16, conv 32, bn 32, relu 32, pool 8, flatten 8, linear 3.
        #expect(cost.activationBytes == 4 * (16 + 32 + 32 + 32 + 8 + 8 + 3))
        // Sequential: at most one input and one output alive, the largest pair is 32 + 32.
        #expect(cost.peakActivationElements == 64)
    }

    @Test func residualGraphKeepsTheTrunkAliveAcrossTheBranch() throws {
        let cost = try NetworkCost(architecture: Networks.residual())
        // conv0 108, bn0 8, bn1 8, conv1 16, fc 10.
        #expect(cost.params == 108 + 8 + 8 + 16 + 10)
        #expect(cost.macs == 4 * 64 * 27 + 4 * 64 * 4 + 8)
        // While conv1 runs: relu0 (kept for add1) + select1 + conv1 = 3 × 256.
        #expect(cost.peakActivationElements == 3 * 256)
        #expect(cost.layer(named: "add1")?.allOpsFLOPs == 256)
    }

    @Test func groupedConvolutionsDivideTheInputChannels() throws {
        let conv = Layer(name: "dw", op: .conv2d, inShape: [8, 5, 5], outShape: [8, 5, 5],
                         kernel: [3, 3], stride: [1, 1], padding: [1, 1], groups: 8, bias: true)
        let cost = try NetworkCost(architecture: Architecture(pass: 0, layers: [conv]))
        #expect(cost.params == 8 * 9 + 8)
        #expect(cost.macs == 8 * 25 * 9)
    }

    @Test func badLayersAreReportedWithTheirField() {
        let conv = Layer(name: "c", op: .conv2d, inShape: [3, 4, 4], outShape: [2, 4, 4])
        #expect(throws: AnalysisError.invalidLayer(pass: 0, layer: "c", field: "kernel",
                                                   expected: "two positive sizes [h, w] for a conv2d")) {
            try NetworkCost(architecture: Architecture(pass: 0, layers: [conv]))
        }
        let add = Layer(name: "a", op: .add, inputs: ["nope"], inShape: [1], outShape: [1])
        #expect(throws: AnalysisError.unknownInput(pass: 2, layer: "a", input: "nope")) {
            try NetworkCost(architecture: Architecture(pass: 2, layers: [add]))
        }
        #expect(AnalysisError.invalidLayer(pass: 0, layer: "c", field: "kernel", expected: "two positive sizes [h, w] for a conv2d").description
                == "architecture of pass 0, layer c: field \"kernel\" must be two positive sizes [h, w] for a conv2d")
    }
}
