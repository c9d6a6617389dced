import Foundation
import SlimAnalysis
import SlimCharts
import SlimLog

/// The |γ| of every channel of one layer over training, across prunes.
extension GammaCharts {
    /// Columns of the heat map: the snapshots are resampled onto this many even steps of the
    /// epoch axis, each showing the snapshot nearest to it.
    static let heatmapColumns = 240

    /// |γ| of every channel of the original layer over the running epoch axis, through every
    /// pass whose prune record says which channels it kept; a channel is grey from the prune
    /// that removed it. Rank 0 (bottom) is the largest final |γ|; removed channels rank above
    /// the survivors, the earliest removed at the top.
    static func heatmap(_ data: RunData, layer wanted: String?) -> Chart? {
        guard let name = wanted ?? widestLayer(data) else { return nil }
        let history = ChannelHistory(data.run, layer: name)
        let xs = history.snapshots.map { data.clock.position(of: data.run.gammas[$0]) }
        guard let x0 = xs.first, let x1 = xs.last, x1 > x0, history.channels > 0 else { return nil }
        let step = (x1 - x0) / Double(heatmapColumns)
        let columns = (0..<heatmapColumns).map { c in history.values(at: nearest(x0 + (Double(c) + 0.5) * step, in: xs), of: data.run) }
        let lastSeen = (0..<history.channels).map { c in columns.last { $0[c].isFinite }?[c] ?? 0 }
        let order = history.ranking(lastSeen: lastSeen)
        var values = order.map { channel in columns.map { $0[channel] } }
        // Sparsity training spreads |γ| over many decades: colour by log10 |γ| then, so the
        // channels being driven to zero stay distinguishable; an exact 0 (log −∞) is the colour
        // bar's "0" bucket, apart from the smallest |γ|.
        let decades = GammaCharts.decadeSpan(values.joined())
        if decades != nil {
            values = values.map { row in row.map { $0.isFinite ? log10(max($0, 0)) : $0 } }
        }
        let zeros = decades != nil && values.contains { $0.contains(-.infinity) }
        let passes = Set(history.snapshots.map { data.run.gammas[$0].pass }).sorted()
        let prunes = data.pruneMarks.filter { passes.dropFirst().contains($0.pass) }
        let span = passes.count > 1 ? "passes \(passes[0])–\(passes[passes.count - 1])" : "pass \(passes[0])"
        return Chart(title: "|γ| per channel over training",
                     subtitle: "\(name), \(span); ranked by final |γ|, pruned channels above",
                     x: Axis("epoch (all phases)", grid: false, wholeNumbers: true), y: Axis("channel (rank)", grid: false, wholeNumbers: true),
                     marks: [HeatMapMark(values: values, columnStart: x0 + step / 2, columnStep: step,
                                         colorTitle: decades == nil ? "|γ|" : "|γ| (log)",
                                         colorFormat: decades == nil ? .automatic : .custom { Format.number(pow(10, $0), digits: 2) },
                                         missingNote: history.removedAt.contains { $0 != nil } ? "grey: pruned channels" : nil,
                                         zeroBucket: zeros)]
                        + prunes.map { RuleMark.vertical(at: $0.x) },
                     caption: prunes.isEmpty ? nil : "Dashed lines: prunes.")
    }

    /// The index into `xs` (ascending) nearest to `x`; of equal positions (the snapshots just
    /// before and after a prune) the first serves the left and the last the right.
    static func nearest(_ x: Double, in xs: [Double]) -> Int {
        let next = xs.firstIndex { $0 > x } ?? xs.count
        guard next > 0 else { return 0 }
        guard next < xs.count else { return xs.count - 1 }
        return x - xs[next - 1] <= xs[next] - x ? next - 1 : next
    }

    private static func widestLayer(_ data: RunData) -> String? {
        data.run.gammas.first?.layers.max { $0.values.count < $1.values.count }?.layer
    }
}

/// Which channel of the original layer each γ value of a snapshot belongs to, followed
/// through the prunes' `kept` lists.
struct ChannelHistory {
    let layer: String
    /// Channels of the layer in its first snapshot.
    let channels: Int
    /// Indices into the run's γ snapshots that have the layer, in log order, up to the first
    /// pass whose prune record cannot be followed.
    private(set) var snapshots: [Int] = []
    /// For each of `snapshots`, the original channel of every value, and the snapshot's pass.
    private var origins: [[Int]] = []
    private var passes: [Int] = []
    /// The pass whose prune removed each original channel; nil for survivors.
    private(set) var removedAt: [Int?]

    init(_ run: RunAnalysis, layer: String) {
        self.layer = layer
        let first = run.gammas.firstIndex { s in s.layers.contains { $0.layer == layer } }
        channels = first.flatMap { i in run.gammas[i].layers.first { $0.layer == layer }?.values.count } ?? 0
        removedAt = Array(repeating: nil, count: channels)
        guard let first else { return }
        var origin = Array(0..<channels), pass = run.gammas[first].pass
        for index in first..<run.gammas.count {
            let snapshot = run.gammas[index]
            guard let vector = snapshot.layers.first(where: { $0.layer == layer }) else { continue }
            var survivors = origin
            while pass < snapshot.pass {
                pass += 1
                guard let kept = run.prunes.first(where: { $0.pass == pass })?.layers.first(where: { $0.layer == layer })?.kept,
                      kept.allSatisfy({ $0 >= 0 && $0 < survivors.count }) else { return }
                let next = kept.map { survivors[$0] }
                for channel in Set(survivors).subtracting(next) { removedAt[channel] = pass }
                survivors = next
            }
            // A narrowed layer has one value per survivor; a layer a channel selection masks
            // (pre-activation ResNet, DenseNet) keeps all its values, the removed ones unused.
            if vector.values.count == survivors.count { origin = survivors } else if vector.values.count != origin.count { return }
            snapshots.append(index); origins.append(origin); passes.append(snapshot.pass)
        }
    }

    /// |γ| per original channel at the `k`-th of `snapshots`; NaN for channels a prune up to
    /// that snapshot's pass removed.
    func values(at k: Int, of run: RunAnalysis) -> [Double] {
        var column = Array(repeating: Double.nan, count: channels)
        guard let vector = run.gammas[snapshots[k]].layers.first(where: { $0.layer == layer }) else { return column }
        for (j, v) in vector.values.enumerated() {
            let channel = origins[k][j]
            if removedAt[channel].map({ $0 > passes[k] }) ?? true { column[channel] = Double(abs(v)) }
        }
        return column
    }

    /// Original channels from rank 0 up: survivors by `lastSeen` |γ|, largest first, then the
    /// removed ones, the latest removed first and each group by its last |γ| before removal.
    func ranking(lastSeen: [Double]) -> [Int] {
        (0..<channels).sorted { a, b in
            let ra = removedAt[a] ?? .max, rb = removedAt[b] ?? .max
            return ra != rb ? ra > rb : lastSeen[a] > lastSeen[b]
        }
    }
}
