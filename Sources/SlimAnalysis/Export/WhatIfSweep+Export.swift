import SlimLog

extension WhatIfSweep {
    /// The JSON `schema` field of a sweep.
    public static let schema = "slim-whatif/1"

    /// The sweep of the run labelled `label` in `format`.
    public func rendered(as format: SummaryFormat, label: String) -> String {
        switch format {
        case .text: document(label: label).text
        case .markdown: document(label: label).markdown
        case .json: json(label: label).rendered + "\n"
        case .csv: csv
        }
    }

    private func saved(_ after: Int, _ before: Int) -> Double? { Change(before: before, after: after).savedFraction }

    /// Which snapshot was swept, in words: `γ snapshot of pass 0 (sparsity, epoch 10, step 790), the one the prune of pass 1 used`.
    public var snapshotDescription: String {
        "γ snapshot of pass \(pass) (\(phase), epoch \(epoch), step \(step))"
            + (usedByPrune.map { ", the one the prune of pass \($0) used" } ?? "")
    }

    func document(label: String) -> Document {
        var doc = Document()
        doc.title("What-if sweep of \(label)")
        let rounded = roundTo > 1 ? " Every kept width rounded up to a multiple of \(roundTo) (the channels with the next-largest |γ| come back, never more than the layer has)." : ""
        doc.paragraph("\(snapshotDescription); the global threshold applied without retraining and without the collapse guard.\(rounded) \(NetworkCost.flopsConvention).")
        doc.table(ExportTable(
            headers: ["ratio", "threshold", "index", "params", "saved", "FLOPs", "saved", "empty layers"],
            alignments: [.right, .right, .right, .right, .right, .right, .right, .left],
            rows: points.map { p in
                [Format.number(p.ratio), Format.number(p.threshold, digits: 3), String(p.thresholdIndex),
                 Format.count(p.params), Format.percent(saved(p.params, original.params)),
                 Format.scientific(Double(p.flops)), Format.percent(saved(p.flops, original.flops)),
                 p.collapsedLayers.joined(separator: ", ")]
            }))
        if let first = points.first {
            doc.heading("Widths per ratio")
            doc.table(ExportTable(
                headers: ["layer"] + points.map { Format.number($0.ratio) },
                rows: first.widths.indices.map { i in [first.widths[i].layer] + points.map { String($0.widths[i].width) } }))
        }
        if let ratio = collapseRatio, let layer = collapseLayer {
            let swept = firstCollapsingPoint.map { "; the first swept ratio with an empty layer is \(Format.number($0.ratio))" } ?? ""
            doc.paragraph("\(layer) loses all its channels from ratio \(Format.number(ratio)) on\(swept).")
        } else {
            doc.paragraph("No ratio below 1 empties a layer.")
        }
        return doc
    }

    func json(label: String) -> JSONValue {
        .object([
            ("schema", .string(Self.schema)), ("flops_convention", .string(NetworkCost.flopsConvention)),
            ("run", .string(label)), ("pass", .int(pass)), ("phase", .string(phase.rawValue)),
            ("epoch", .int(epoch)), ("step", .int(step)), ("used_by_prune", .int(usedByPrune)), ("round_to", .int(roundTo)),
            ("original", .object([("params", .int(original.params)), ("macs", .int(original.macs)),
                                  ("flops", .int(original.flops))])),
            ("collapse_ratio", .double(collapseRatio)), ("collapse_layer", .text(collapseLayer)),
            ("points", .array(points.map { p in .object([
                ("ratio", .double(p.ratio)), ("threshold", .gamma(p.threshold)),
                ("threshold_index", .int(p.thresholdIndex)), ("params", .int(p.params)), ("macs", .int(p.macs)),
                ("flops", .int(p.flops)), ("all_ops_flops", .int(p.allOpsFLOPs)),
                ("params_saved", .double(saved(p.params, original.params))),
                ("flops_saved", .double(saved(p.flops, original.flops))),
                ("widths", .object(p.widths.map { ($0.layer, .int($0.width)) })),
                ("collapsed", .array(p.collapsedLayers.map { .string($0) })),
            ]) })),
        ])
    }

    /// One row per ratio; `width:<layer>` columns follow the fixed ones.
    var csv: String {
        let layers = points.first?.widths.map(\.layer) ?? []
        let header = ["ratio", "threshold", "threshold_index", "params", "macs", "flops", "params_saved", "flops_saved", "collapsed",
                      "snapshot_pass", "snapshot_phase", "snapshot_epoch", "snapshot_step"]
            + layers.map { "width:\($0)" }
        var lines = [header.map(\.csvField).joined(separator: ",")]
        func number(_ x: Double?) -> String { x.map { JSONValue.number($0) } ?? "" }
        for p in points {
            let cells = [number(p.ratio), JSONValue.gamma(p.threshold).rendered, String(p.thresholdIndex), String(p.params), String(p.macs),
                         String(p.flops), number(saved(p.params, original.params)), number(saved(p.flops, original.flops)),
                         p.collapsedLayers.joined(separator: ";").csvTextField, String(pass), phase.rawValue, String(epoch), String(step)]
                + p.widths.map { String($0.width) }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
