#!/usr/bin/env bash
# Report speed: the full PDF report of real mnist-5k run logs (reports/logs) and of the synthetic
# ~200 MB γ-heavy ResNet-164 log that `slim-bench log` generates (made in a temporary folder,
# never committed). Prints wall time (median of N runs) and peak memory (max RSS) per report.
# Targets (issue 8): mnist-5k report <= 1 s; synthetic 200 MB log <= 10 s and <= 1.5 GB.
# Usage: scripts/bench-report.sh [--runs N] [--megabytes M]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5 megabytes=200
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --megabytes) megabytes="$2"; shift 2 ;;
        *) echo "usage: scripts/bench-report.sh [--runs N] [--megabytes M]" >&2; exit 2 ;;
    esac
done
for product in slim-report slim-bench; do
    swift build -c release --product "$product" >"${TMPDIR:-/tmp}/bench-report-build.log" 2>&1 \
        || { cat "${TMPDIR:-/tmp}/bench-report-build.log" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
R=.build/release/slim-report

# time_report LABEL TARGET_S TARGET_MB ARGS… : runs slim-report ARGS $runs times, prints one row.
time_report() {
    local label="$1" target_s="$2" target_mb="$3" size="$4"; shift 4
    local times=() peak=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$R" "$@" >/dev/null
        read -r seconds kb < "$work/time"
        times+=("$seconds")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    local mb=$((peak / 1024)) verdict=ok
    awk -v t="$median" -v m="$mb" -v ts="$target_s" -v tm="$target_mb" 'BEGIN { exit !(t > ts || m > tm) }' && verdict=OVER
    printf '| %s | %s | %s | %s | %d | %s s, %s MB | %s |\n' "$label" "$size" "$runs" "$median" "$mb" "$target_s" "$target_mb" "$verdict"
}

size_of() { du -h "$1" | cut -f1; }

echo "cores: $(getconf _NPROCESSORS_ONLN), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| report | log size | runs | wall s (median) | peak RSS MB (max) | target | |"
echo "|---|--:|--:|--:|--:|---|---|"
for run in lambda-1e-3 passes-3; do
    log=reports/logs/$run.log.gz
    time_report "mnist-5k $run → PDF" 1 1536 "$(size_of "$log") gz" "$log" -o "$work/$run.pdf"
done
logs=(reports/logs/*.log.gz)
time_report "mnist-5k comparison of ${#logs[@]} runs → PDF" 1 1536 "${#logs[@]} logs" compare "${logs[@]}" -o "$work/cmp.pdf"
.build/release/slim-bench log --megabytes "$megabytes" --keep "$work/synthetic.log" >/dev/null
runs=$(( runs < 3 ? runs : 3 )) time_report "synthetic ResNet-164 γ log → PDF" 10 1536 "$(size_of "$work/synthetic.log")" \
    "$work/synthetic.log" -o "$work/synthetic.pdf"
