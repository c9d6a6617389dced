/// SlimCharts: a general chart library on Cairo + Pango. Filled in by the charts work.
public enum SlimCharts {}
