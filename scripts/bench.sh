#!/usr/bin/env bash
# Every benchmark table, release builds. Machines differ: compare only within one run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "## Run-log reader"
.build/release/slim-bench log
if [ -x scripts/bench-train.sh ]; then echo; echo "## Training engine"; scripts/bench-train.sh; fi
if [ -x .build/release/chart-gallery ]; then echo; echo "## Charts"; .build/release/chart-gallery bench; fi
if [ -x scripts/bench-report.sh ]; then echo; echo "## Reports (full PDF report)"; scripts/bench-report.sh; fi
