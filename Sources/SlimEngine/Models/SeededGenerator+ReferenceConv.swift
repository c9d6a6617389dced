extension SeededGenerator {
    /// A square, bias-free conv padded by `kernel / 2` (size-keeping at stride 1) with the
    /// reference initialisation N(0, √(2/(k·k·out))).
    mutating func referenceConv(_ name: String, _ inC: Int, _ outC: Int, kernel: Int, stride: Int = 1) -> Conv2d {
        let std = (2 / Float(kernel * kernel * outC)).squareRoot()
        return Conv2d(name: name, weight: normalTensor(shape: [outC, inC, kernel, kernel], std: std),
                      stride: Size2D(square: stride), padding: Size2D(square: kernel / 2))
    }
}
