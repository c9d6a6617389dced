#!/bin/sh
# Run-log reader benchmark: builds slim-bench in release mode, generates a synthetic γ-heavy
# ResNet-164-like log (220 MB by default) and prints MB/s (median of 3) and peak memory
# against the decoded γ floats. Targets: >= 200 MB/s, keep-all peak <= 1.5x decoded floats.
# Arguments go to `slim-bench log` (e.g. --megabytes 400, --keep /tmp/bench.log to reuse).
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product slim-bench >/dev/null
# The machine's load matters: the reader is CPU-bound on one core.
echo "cores: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?'), load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
exec .build/release/slim-bench log "$@"
