import Testing
@testable import SlimEngine

/// Conv2d's three ways of computing — through the input's im2col, (stride 1, at most half as
/// many outputs as inputs) on the output side, and (3×3, stride 1, padding 1, ≥ 16 channels) through
/// Winograd F(4×4, 3×3) — against the definition computed with plain loops, on
/// batches that split into several chunks over two workers. Tolerance 1e-4 relative to the
/// largest value (Float32 sums in different orders).
@Suite("Conv2d against direct loops")
struct ConvPathTests {
    struct Case: CustomStringConvertible, Sendable {
        var batch, inC, outC, size: Int
        var kernel: Size2D
        var padding: Size2D
        var stride = Size2D(square: 1)
        var bias = false
        var description: String { "\(batch)×\(inC)→\(outC) \(size)² k\(kernel.array) p\(padding.array) s\(stride.array)" }
    }

    static let cases: [Case] = [
        Case(batch: 9, inC: 20, outC: 4, size: 8, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
        Case(batch: 3, inC: 6, outC: 2, size: 7, kernel: Size2D(square: 3), padding: Size2D(square: 0), bias: true),
        Case(batch: 5, inC: 5, outC: 2, size: 6, kernel: Size2D(3, 2), padding: Size2D(2, 0)),
        Case(batch: 4, inC: 3, outC: 6, size: 6, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
        Case(batch: 4, inC: 6, outC: 3, size: 7, kernel: Size2D(square: 3), padding: Size2D(square: 1), stride: Size2D(square: 2)),
        // Winograd F(4×4, 3×3): whole tiles, partial tiles at the edges, one tile, more outputs
        // than inputs and fewer, channels not a multiple of any SIMD width.
        Case(batch: 16, inC: 17, outC: 18, size: 8, kernel: Size2D(square: 3), padding: Size2D(square: 1), bias: true),
        Case(batch: 17, inC: 19, outC: 16, size: 7, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
        Case(batch: 64, inC: 16, outC: 21, size: 3, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
        Case(batch: 7, inC: 33, outC: 17, size: 14, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
        // Groups of three samples (WinogradF43.groupBudget), the last one partial.
        Case(batch: 5, inC: 16, outC: 20, size: 30, kernel: Size2D(square: 3), padding: Size2D(square: 1)),
    ]

    @Test("matches the definition", arguments: cases)
    func matchesDefinition(_ c: Case) {
        let weight = randomTensor([c.outC, c.inC, c.kernel.height, c.kernel.width], seed: 1)
        var conv = Conv2d(name: "c", weight: weight, bias: c.bias ? randomTensor([c.outC], seed: 2) : nil,
                          stride: c.stride, padding: c.padding)
        let x = randomTensor([c.batch, c.inC, c.size, c.size], seed: 3)
        let y = conv.forward(x, mode: .training, parallelism: Parallelism(threads: 2))
        let dy = randomTensor(y.shape, seed: 4)
        let dx = conv.backward(dy, needsInputGradient: true, parallelism: Parallelism(threads: 2))!
        let expected = Self.direct(x: x, weight: weight, bias: conv.bias?.value, dy: dy, stride: c.stride, padding: c.padding)
        #expect(y.shape == [c.batch, c.outC] + expected.outPlane)
        Self.expectClose(y.storage, expected.y, "Y")
        Self.expectClose(dx.storage, expected.dx, "dX")
        Self.expectClose(conv.weight.grad.storage, expected.dw, "dW")
    }

    @Test("applies a fused BN and ReLU in evaluation", arguments: [cases[0], cases[3], cases[5], cases[6]])
    func fusedEpilogue(_ c: Case) {
        let weight = randomTensor([c.outC, c.inC, c.kernel.height, c.kernel.width], seed: 5)
        var conv = Conv2d(name: "c", weight: weight, padding: c.padding)
        let x = randomTensor([c.batch, c.inC, c.size, c.size], seed: 6)
        let scale = (0..<c.outC).map { Float($0) * 0.5 - 0.7 }, shift = (0..<c.outC).map { Float($0) * 0.1 - 0.2 }
        let y = conv.forward(x, mode: .evaluation, epilogue: ChannelEpilogue(scale: scale, shift: shift, relu: true),
                             parallelism: Parallelism(threads: 2))
        let plain = Self.direct(x: x, weight: weight, bias: nil, dy: nil, stride: c.stride, padding: c.padding)
        let plane = plain.outPlane.reduce(1, *)
        let want = plain.y.indices.map { i in max(0, plain.y[i] * scale[(i / plane) % c.outC] + shift[(i / plane) % c.outC]) }
        Self.expectClose(y.storage, want, "ReLU(BN(Y))")
    }

    @Test func theOutputPathIsTakenOnlyWhereItApplies() {
        func conv(_ outC: Int, _ inC: Int, k: Int, p: Int, s: Int = 1) -> Conv2d {
            Conv2d(name: "c", weight: Tensor(shape: [outC, inC, k, k]), stride: Size2D(square: s), padding: Size2D(square: p))
        }
        func takes(_ c: Conv2d) -> Bool { c.runsThroughOutput(c.geometry([c.inChannels, 8, 8])) }
        #expect(takes(conv(12, 48, k: 3, p: 1)))
        #expect(!takes(conv(48, 48, k: 3, p: 1)))
        #expect(takes(conv(24, 48, k: 3, p: 1)))
        #expect(!takes(conv(25, 48, k: 3, p: 1)))
        #expect(!takes(conv(12, 48, k: 3, p: 1, s: 2)))
        #expect(!takes(conv(12, 48, k: 1, p: 0)))
        #expect(!takes(conv(12, 48, k: 3, p: 3)))
    }

    @Test func theWinogradCasesRunThroughWinograd() {
        for c in Self.cases[5...] {
            let conv = Conv2d(name: "c", weight: Tensor(shape: [c.outC, c.inC, 3, 3]), padding: c.padding)
            #expect(conv.runsWinograd(conv.geometry([c.inC, c.size, c.size]), batch: c.batch), "\(c)")
        }
    }

    @Test func winogradHandlesPlanesTallerThanWide() {
        let weight = randomTensor([18, 16, 3, 3], seed: 9)
        var conv = Conv2d(name: "c", weight: weight, padding: Size2D(square: 1))
        let x = randomTensor([11, 16, 11, 6], seed: 10)
        #expect(conv.runsWinograd(conv.geometry([16, 11, 6]), batch: 11))
        let y = conv.forward(x, mode: .training, parallelism: Parallelism(threads: 2))
        let dy = randomTensor(y.shape, seed: 11)
        let dx = conv.backward(dy, needsInputGradient: true, parallelism: Parallelism(threads: 2))!
        let expected = Self.direct(x: x, weight: weight, bias: nil, dy: dy, stride: conv.stride, padding: conv.padding)
        #expect(y.shape == [11, 18, 11, 6])
        Self.expectClose(y.storage, expected.y, "Y")
        Self.expectClose(dx.storage, expected.dx, "dX")
        Self.expectClose(conv.weight.grad.storage, expected.dw, "dW")
    }

    @Test func winogradIsTakenOnlyWhereItApplies() {
        func takes(_ outC: Int, _ inC: Int, k: Int = 3, p: Int = 1, s: Int = 1, size: Int = 8, batch: Int = 64) -> Bool {
            let c = Conv2d(name: "c", weight: Tensor(shape: [outC, inC, k, k]), stride: Size2D(square: s), padding: Size2D(square: p))
            return c.runsWinograd(c.geometry([inC, size, size]), batch: batch)
        }
        #expect(takes(64, 64))
        #expect(!takes(12, 48))
        #expect(takes(16, 48))
        #expect(takes(16, 16, size: 3))
        #expect(!takes(64, 64, size: 2))
        #expect(takes(64, 64, size: 32, batch: 1))
        #expect(!takes(64, 64, size: 28, batch: 1))
        #expect(takes(64, 64, size: 7, batch: 16))
        #expect(!takes(64, 64, size: 7, batch: 15))
        #expect(!takes(64, 3))
        #expect(!takes(4, 64))
        #expect(!takes(64, 64, s: 2))
        #expect(!takes(64, 64, p: 0))
        #expect(!takes(64, 64, k: 1, p: 0))
        #expect(!takes(64, 64, k: 5, p: 2))
    }

    @Test func evaluationReusesWinogradFiltersOnlyWhileTheWeightsAreUnchanged() {
        var conv = Conv2d(name: "c", weight: randomTensor([16, 16, 3, 3], seed: 7), padding: Size2D(square: 1))
        let x = randomTensor([16, 16, 6, 6], seed: 8)
        let before = conv.forward(x, mode: .evaluation, parallelism: .serial)
        #expect(conv.transformedFilters != nil)
        conv.weight.value.storage[0] += 1
        let after = conv.forward(x, mode: .evaluation, parallelism: .serial)
        let plain = Self.direct(x: x, weight: conv.weight.value, bias: nil, dy: nil, stride: conv.stride, padding: conv.padding)
        #expect(after.storage != before.storage)
        Self.expectClose(after.storage, plain.y, "Y after the weights changed")
        _ = conv.forward(x, mode: .training, parallelism: .serial)
        #expect(conv.transformedFilters == nil)
    }

    @Test func aSmallBatchUsesOpenBLASThreadsOnlyForLargeProducts() {
        func blasThreads(_ outC: Int, _ inC: Int, size: Int, batch: Int) -> Int {
            let conv = Conv2d(name: "c", weight: Tensor(shape: [outC, inC, 3, 3]), padding: Size2D(square: 1))
            return conv.schedule(conv.geometry([inC, size, size]), batch: batch, parallelism: Parallelism(threads: 2)).blasThreads
        }
        #expect(blasThreads(64, 64, size: 14, batch: 1) == 1)
        #expect(blasThreads(512, 512, size: 4, batch: 1) == 2)
        #expect(blasThreads(512, 512, size: 4, batch: 64) == 1)
    }

    private static func expectClose(_ got: [Float], _ want: [Float], _ what: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, sourceLocation: sourceLocation)
        let scale = want.map(abs).max() ?? 1
        let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-4 * scale, "\(what): largest difference \(worst) at scale \(scale)", sourceLocation: sourceLocation)
    }

    /// Y, dX and dW of y[o, h, w] = b[o] + Σ W[o, c, i, j]·x[c, h·s + i − p, w·s + j − p], by loops.
    private static func direct(x: Tensor, weight: Tensor, bias: Tensor?, dy: Tensor?, stride: Size2D, padding: Size2D)
        -> (y: [Float], dx: [Float], dw: [Float], outPlane: [Int]) {
        let (n, inC, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outC, kh, kw) = (weight.shape[0], weight.shape[2], weight.shape[3])
        let oh = (h + 2 * padding.height - kh) / stride.height + 1, ow = (w + 2 * padding.width - kw) / stride.width + 1
        var y = [Float](repeating: 0, count: n * outC * oh * ow)
        var dx = [Float](repeating: 0, count: x.count), dw = [Float](repeating: 0, count: weight.count)
        for s in 0..<n {
            for o in 0..<outC {
                for r in 0..<oh {
                    for q in 0..<ow {
                        let yi = ((s * outC + o) * oh + r) * ow + q
                        let g = dy?.storage[yi] ?? 0
                        y[yi] = bias?.storage[o] ?? 0
                        for c in 0..<inC {
                            for i in 0..<kh {
                                for j in 0..<kw {
                                    let ih = r * stride.height + i - padding.height, iw = q * stride.width + j - padding.width
                                    guard ih >= 0, ih < h, iw >= 0, iw < w else { continue }
                                    let xi = ((s * inC + c) * h + ih) * w + iw, wi = ((o * inC + c) * kh + i) * kw + j
                                    y[yi] += weight.storage[wi] * x.storage[xi]
                                    dx[xi] += weight.storage[wi] * g
                                    dw[wi] += x.storage[xi] * g
                                }
                            }
                        }
                    }
                }
            }
        }
        return (y, dx, dw, [oh, ow])
    }
}
