import SlimAnalysis
import SlimCharts
