import SlimCharts

/// Loss and accuracy over every epoch, then the run's free-form scalar series.
enum TrainingSection {
    static func make(_ data: RunData) -> ReportSection {
        var section = ReportSection(title: "Training")
        let charts = [("accuracy", TrainingCharts.accuracy(data)), ("loss", TrainingCharts.loss(data))]
        for case let (name, chart?) in charts { section.blocks.append(.chart(ReportChart(name: name, graphic: chart, size: Size(width: 560, height: 320)))) }
        for (name, chart) in TrainingCharts.scalars(data) {
            section.blocks.append(.chart(ReportChart(name: name, graphic: chart, size: Size(width: 560, height: 220))))
        }
        if section.blocks.isEmpty { section.blocks.append(.note("The log has no epoch event.")) }
        return section
    }
}
