import Foundation

extension RunAnalysis {
    /// Test images behind the run's test accuracies: the standard test split of a dataset the
    /// engine knows, when every recorded test accuracy is a whole number of images of it; nil
    /// otherwise (then no standard error is claimed).
    public var testImages: Int? {
        let known = ["mnist-5k": 1_000, "mnist": 10_000, "cifar10": 10_000, "cifar100": 10_000]
        guard let dataset = header?.config.dataset, let n = known[dataset] else { return nil }
        let fits = epochs.compactMap(\.testAccuracy).allSatisfy { a in
            let images = a * Double(n)
            return abs(images - images.rounded()) < 1e-6 * Double(n)
        }
        return fits ? n : nil
    }
}

/// One standard error of a test accuracy `p` measured on `n` images: √(p(1−p)/n).
public func accuracyStandardError(_ p: Double, images n: Int) -> Double {
    guard n > 0, p.isFinite else { return .nan }
    return (max(0, p * (1 - p)) / Double(n)).squareRoot()
}

/// Which comparison entries (groups) beat others on final accuracy and FLOPs, read against the
/// noise of an accuracy on the test set.
public struct Dominance: Sendable, Equatable {
    /// (winner, loser) group indices: the winner has fewer FLOPs and a final accuracy more than
    /// one standard error higher.
    public var pairs: [(winner: Int, loser: Int)]
    /// Groups whose final accuracy is within one standard error of the most accurate group's,
    /// most accurate first.
    public var withinNoiseOfBest: [Int]
    /// Of `withinNoiseOfBest`, the one with the fewest FLOPs.
    public var cheapestOfBest: Int?
    /// One standard error at the best group's accuracy (nil when the test-set size is unknown).
    public var standardError: Double?
    /// Test images the standard error is computed for.
    public var testImages: Int?
    /// Sets of two or more groups, most accurate first, whose final accuracies all lie within
    /// one standard error of the set's most accurate (`withinNoiseOfBest` is the first when it
    /// has two or more); every group is in at most one set.
    public var tiedSets: [[Int]] = []

    public static func == (a: Dominance, b: Dominance) -> Bool {
        a.pairs.map { [$0.winner, $0.loser] } == b.pairs.map { [$0.winner, $0.loser] }
            && a.withinNoiseOfBest == b.withinNoiseOfBest && a.cheapestOfBest == b.cheapestOfBest
            && a.standardError == b.standardError && a.testImages == b.testImages && a.tiedSets == b.tiedSets
    }
}

extension RunComparison {
    /// Dominance over the groups' mean final accuracy and mean final FLOPs. The standard error
    /// uses the smallest test set of the runs; without one, any accuracy difference counts.
    public var dominance: Dominance {
        let entries = groups.enumerated().compactMap { i, g -> (Int, Double, Double)? in
            guard let a = g.accuracyFinal?.mean, let f = g.finalFLOPs?.mean else { return nil }
            return (i, a, f)
        }
        let images = testImages.contains(where: { $0 == nil }) ? nil : testImages.compactMap { $0 }.min()
        func se(_ p: Double) -> Double { images.map { accuracyStandardError(p, images: $0) } ?? 0 }
        var pairs: [(winner: Int, loser: Int)] = []
        for (i, ai, fi) in entries {
            for (j, aj, fj) in entries where i != j && fi < fj && ai - aj > se((ai + aj) / 2) {
                pairs.append((i, j))
            }
        }
        guard let best = entries.max(by: { $0.1 < $1.1 }) else {
            return Dominance(pairs: [], withinNoiseOfBest: [], cheapestOfBest: nil, standardError: nil, testImages: images)
        }
        let close = entries.filter { best.1 - $0.1 <= se(best.1) }.sorted { $0.1 > $1.1 }
        var tied: [[Int]] = []
        var rest = entries.sorted { $0.1 > $1.1 }
        while let top = rest.first {
            let set = rest.filter { top.1 - $0.1 <= se(top.1) }
            rest.removeAll { e in set.contains { $0.0 == e.0 } }
            if set.count > 1 { tied.append(set.map(\.0)) }
        }
        return Dominance(pairs: pairs, withinNoiseOfBest: close.map(\.0),
                         cheapestOfBest: close.min(by: { $0.2 < $1.2 })?.0,
                         standardError: images.map { accuracyStandardError(best.1, images: $0) }, testImages: images,
                         tiedSets: tied)
    }
}
