import SlimCharts

/// What a report says, independent of the output format: sections of text, tables and charts.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String?
    /// Shown prominently under the title (partial logs, reader warnings).
    public var notes: [String]
    public var sections: [ReportSection]

    public init(title: String, subtitle: String? = nil, notes: [String] = [], sections: [ReportSection] = []) {
        self.title = title; self.subtitle = subtitle; self.notes = notes; self.sections = sections
    }

    /// Every chart in document order.
    public var charts: [ReportChart] {
        sections.flatMap { $0.blocks.compactMap { if case .chart(let c) = $0 { c } else { nil } } }
    }
}

/// One titled part of a report.
public struct ReportSection: Sendable {
    public var title: String
    public var blocks: [ReportBlock]
    public init(title: String, blocks: [ReportBlock] = []) { self.title = title; self.blocks = blocks }
}

/// One piece of a section.
public enum ReportBlock: Sendable {
    case paragraph(String)
    /// A remark the reader must not miss (missing data, collapse, partial log).
    case note(String)
    case table(ReportTable)
    case chart(ReportChart)
}

/// A small table of already formatted cells.
public struct ReportTable: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]]) { self.header = header; self.rows = rows }
}

/// A chart with a file-safe name (for Markdown's side files) and its natural size in points.
public struct ReportChart: Sendable {
    public var name: String
    public var graphic: any Graphic
    public var size: Size
    /// Whether the height stays when a narrower page shrinks the width: true for charts whose
    /// height is rows of labels (one per layer); false keeps the shape of the chart.
    public var keepsHeight: Bool
    public init(name: String, graphic: any Graphic, size: Size = Size(width: 520, height: 300), keepsHeight: Bool = false) {
        self.name = name; self.graphic = graphic; self.size = size; self.keepsHeight = keepsHeight
    }
}
