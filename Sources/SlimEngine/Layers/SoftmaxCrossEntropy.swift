import Foundation

/// Mean softmax cross-entropy over a batch of logits `[N, classes]` and integer labels, with
/// its gradient with respect to the logits.
public struct SoftmaxCrossEntropy: Sendable {
    /// Mean loss over the batch.
    public var loss: Double
    /// ∂loss/∂logits, `[N, classes]`.
    public var gradient: Tensor
    /// How many samples the arg-max of the logits got right.
    public var correct: Int

    public init(logits: Tensor, labels: some Collection<Int32>) {
        let n = logits.batch, k = logits.shape[1]
        precondition(labels.count == n, "SoftmaxCrossEntropy: \(labels.count) labels for \(n) samples")
        var grad = Tensor(shape: logits.shape)
        var total = 0.0, right = 0
        for (row, label) in zip(0..<n, labels) {
            let base = row * k, y = Int(label)
            var maxValue = -Float.infinity, arg = 0
            for j in 0..<k where logits.storage[base + j] > maxValue { maxValue = logits.storage[base + j]; arg = j }
            if arg == y { right += 1 }
            var sum = 0.0
            for j in 0..<k { sum += Double(exp(logits.storage[base + j] - maxValue)) }
            let logSum = log(sum)
            total += logSum - Double(logits.storage[base + y] - maxValue)
            for j in 0..<k {
                let p = exp(Double(logits.storage[base + j] - maxValue) - logSum)
                grad.storage[base + j] = Float((p - (j == y ? 1 : 0)) / Double(n))
            }
        }
        loss = total / Double(max(1, n))
        gradient = grad
        correct = right
    }
}
