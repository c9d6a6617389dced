import SlimAnalysis
import SlimCharts
import SlimLog

/// Loss and accuracy over all epochs of a run (every phase and pass), prune events marked.
enum TrainingCharts {
    static func accuracy(_ data: RunData) -> Chart? {
        curves(data, title: "Accuracy over training", axis: Axis("accuracy", format: .percent()),
               train: \.trainAccuracy, test: \.testAccuracy)
    }

    static func loss(_ data: RunData) -> Chart? {
        curves(data, title: "Loss over training", axis: Axis("loss", scale: .log()),
               train: \.trainLoss, test: \.testLoss)
    }

    private static func curves(_ data: RunData, title: String, axis: Axis,
                               train: KeyPath<EpochRecord, Double>, test: KeyPath<EpochRecord, Double?>) -> Chart? {
        let points = data.epochIndex.filter { $0.record[keyPath: train].isFinite }
        guard !points.isEmpty else { return nil }
        var marks: [any Mark] = [LineMark(x: points.map(\.x), y: points.map { $0.record[keyPath: train] }, label: "train")]
        let tested = data.epochIndex.compactMap { p in p.record[keyPath: test].flatMap { $0.isFinite ? (p.x, $0) : nil } }
        if !tested.isEmpty {
            marks.append(LineMark(x: tested.map(\.0), y: tested.map(\.1), label: "test", showsPoints: true))
        }
        marks += data.pruneMarks.map { RuleMark.vertical(at: $0.x, label: "prune \($0.pass)") }
        let phases = orderedPhases(data)
        return Chart(title: title, subtitle: phases, x: Axis("epoch (all phases)", wholeNumbers: true), y: axis, marks: marks)
    }

    /// One small chart per free-form `scalar` series, in the order the series first appear.
    static func scalars(_ data: RunData) -> [(name: String, chart: Chart)] {
        var order: [String] = []
        var series: [String: [(x: Double, y: Double)]] = [:]
        for point in data.run.scalars where point.value.isFinite {
            if series[point.name] == nil { order.append(point.name) }
            series[point.name, default: []].append((data.clock.position(pass: point.pass, epoch: point.epoch, step: point.step), point.value))
        }
        let prunes = data.pruneMarks.map { RuleMark.vertical(at: $0.x, label: "prune \($0.pass)") }
        return order.enumerated().map { index, name in
            let points = series[name] ?? []
            let marks: [any Mark] = [LineMark(x: points.map(\.x), y: points.map(\.y), showsPoints: points.count < 40)] + prunes
            let chart = Chart(title: name, subtitle: "recorded series, \(points.count) point\(points.count == 1 ? "" : "s")",
                              x: Axis("epoch (all phases)"), y: Axis(name), marks: marks)
            return ("scalar-\(index + 1)", chart)
        }
    }

    /// "sparsity → finetune (pass 1)…" for the subtitle.
    private static func orderedPhases(_ data: RunData) -> String {
        var seen: [String] = []
        for e in data.run.epochs {
            let name = e.pass == 0 ? e.phase.rawValue : "\(e.phase.rawValue) \(e.pass)"
            if seen.last != name { seen.append(name) }
        }
        return seen.joined(separator: " → ")
    }
}
