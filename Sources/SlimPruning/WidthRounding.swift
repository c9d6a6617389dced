/// Hardware-friendly widths: each layer's kept channels rounded up to a multiple of `multiple`
/// by bringing back the removed channels with the largest |γ|. A layer never ends below its
/// unrounded width nor above the channels it could pass on (`live`), so rounding only ever
/// keeps more. Widths that are multiples of the SIMD or GEMM block run at full vector width;
/// whether that is faster on a given CPU is measured, not assumed (docs/analysis.md).
public struct WidthRounding: Sendable, Equatable {
    public var multiple: Int

    public init(multiple: Int) throws(PruningError) {
        guard multiple >= 1 else { throw .roundingMultipleTooSmall(multiple) }
        self.multiple = multiple
    }

    /// `width` rounded up to the multiple, capped at `limit`.
    public func rounded(_ width: Int, limit: Int) -> Int {
        guard width > 0 else { return min(width, limit) }
        let up = (width + multiple - 1) / multiple * multiple
        return max(width, min(up, limit))
    }

    /// The plan with every layer's kept channels rounded up. `gammas` are the layers' γ the plan
    /// was made from; `live[layer]` (optional) are the channels the layer can still pass on —
    /// after an earlier prune, a residual network's selection has already dropped some, and
    /// they cannot come back. Kept channels outside `live` do not count towards the width.
    public func rounded(_ plan: PrunePlan, gammas: [BNChannels], live: [String: [Int]] = [:]) -> PrunePlan {
        let byName = Dictionary(gammas.map { ($0.name, $0.gammas) }, uniquingKeysWith: { a, _ in a })
        var result = plan
        result.layers = plan.layers.map { decision in
            guard let values = byName[decision.name], values.count == decision.before else { return decision }
            let available = live[decision.name].map(Set.init) ?? Set(0..<decision.before)
            let keptLive = decision.kept.filter(available.contains)
            let target = rounded(keptLive.count, limit: available.count)
            guard target > keptLive.count else { return decision }
            let kept = Set(decision.kept)
            // Largest |γ| first; among equal |γ| the lower index wins, as in the collapse guard.
            let comeBack = available.filter { !kept.contains($0) }.sorted {
                let a = abs(values[$0]), b = abs(values[$1])
                return a != b ? a > b : $0 < $1
            }.prefix(target - keptLive.count)
            var widened = decision
            widened.kept = (decision.kept + comeBack).sorted()
            return widened
        }
        return result
    }
}
