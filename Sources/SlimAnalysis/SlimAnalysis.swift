// The analyzer: see docs/architecture.md. Filled in by the analyzer work.
import SlimLog
