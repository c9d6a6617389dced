import Testing
@testable import SlimEngine

/// The 2×2, stride-2 average pool's direct path against the definition, on planes wide enough
/// for its SIMD loop and odd enough to leave a last row and column outside every window.
@Suite struct AvgPoolTests {
    @Test func theTwoByTwoPoolMatchesTheDefinitionBitForBit() {
        let x = randomTensor([2, 3, 19, 21], seed: 12)
        var pool = AvgPool2d(name: "p", kernel: Size2D(square: 2))
        let y = pool.forward(x, mode: .training, parallelism: Parallelism(threads: 2))
        #expect(y.shape == [2, 3, 9, 10])
        let dy = randomTensor(y.shape, seed: 13)
        let dx = pool.backward(dy, needsInputGradient: true, parallelism: Parallelism(threads: 2))!
        for plane in 0..<6 {
            for i in 0..<19 {
                for j in 0..<21 {
                    let inside = i < 18 && j < 20
                    let o = plane * 90 + (i / 2) * 10 + j / 2
                    #expect(dx.storage[plane * 399 + i * 21 + j] == (inside ? dy.storage[o] * 0.25 : 0))
                }
            }
            for i in 0..<9 {
                for j in 0..<10 {
                    let at = plane * 399 + 2 * i * 21 + 2 * j
                    var want = x.storage[at] * 0.25
                    want += x.storage[at + 1] * 0.25
                    want += x.storage[at + 21] * 0.25
                    want += x.storage[at + 22] * 0.25
                    #expect(y.storage[plane * 90 + i * 10 + j] == want)
                }
            }
        }
    }
}
