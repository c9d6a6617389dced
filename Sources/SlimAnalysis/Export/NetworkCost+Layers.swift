extension NetworkCost {
    /// The per-layer table of text and Markdown summaries: every layer with parameters or
    /// MACs, exact counts, and a total row (a plan or a run not pruned yet).
    func describeLayers(into doc: inout Document) {
        doc.heading("Cost per layer (pass \(pass)). \(NetworkCost.flopsConvention).")
        let counted = layers.filter { $0.params > 0 || $0.macs > 0 }
        doc.table(ExportTable(
            headers: ["layer", "op", "params", "MACs", "FLOPs"],
            alignments: [.left, .left, .right, .right, .right],
            rows: counted.map { l in [l.name, l.op.rawValue, Format.grouped(l.params), Format.grouped(l.macs), Format.grouped(l.flops)] }
                + [["total", "", Format.grouped(params), Format.grouped(macs), Format.grouped(flops)]]))
    }
}
