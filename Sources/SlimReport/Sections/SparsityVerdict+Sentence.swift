import Foundation
import SlimAnalysis
import SlimCharts

extension SparsityVerdict {
    /// "Pass 1 prune (ratio 50.0 %, threshold 8.67e-6): …" — the analysis's verdict in words,
    /// the numbers behind it, and the test accuracy right before → right after the prune.
    var sentence: String {
        let n = { (x: Double, digits: Int) in Format.number(x, digits: digits) }
        let head = planned ? "Next prune (pass \(pass), planned at ratio \(Format.percent(ratio)), threshold \(n(threshold, 3)))"
                           : "Pass \(pass) prune (ratio \(Format.percent(ratio)), threshold \(n(threshold, 3)))"
        let cut = n(Self.nearZero, 3)
        var text = level.label + ". "
        switch level {
        case .separated:
            text += "All \(removedChannels) removed channels had |γ| below \(cut) and every kept channel is above it; "
                + "the kept median \(n(keptMedian, 3)) is \(times(separation)) the threshold."
        case .sparseEnough:
            text += "All \(removedChannels) removed channels had |γ| below \(cut), and so had "
                + "\(keptNearZero) of the \(keptChannels) kept ones: the threshold lies inside the near-zero cluster, "
                + "so a higher ratio would remove more channels that sparsity training has already driven to zero."
        case .partlySeparated, .notSeparated:
            text += "\(removedNearZero) of the \(removedChannels) removed channels had |γ| below \(cut) (the largest removed had \(n(largestRemoved, 3))); "
                + "the kept median \(n(keptMedian, 3)) is \(times(separation)) the threshold and \(keptWithin10Percent == 1 ? "1 kept channel lies" : "\(keptWithin10Percent) kept channels lie") "
                + "within 10 % above it, so the threshold cuts through channels still in use."
        }
        if let b = accuracyBefore, let a = accuracyAfter { text += " Test accuracy right after the prune: \(Format.percent(b)) → \(Format.percent(a))." }
        return head + ": " + text
    }

    private func times(_ x: Double) -> String {
        guard x.isFinite else { return "infinitely far above" }
        return (x >= 100 ? String(format: "%.0f", x) : Format.number(x, digits: 3)) + "×"
    }
}
