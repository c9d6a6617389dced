#!/bin/sh
# Regenerates the example reports in reports/ from the run logs in reports/logs/.
# The logs come from slim-train on the embedded mnist-5k data; the commands that made them
# are in reports/README.md and docs/slimming.md.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product slim-report
R=.build/release/slim-report
runs="lambda-0 lambda-1e-3 lambda-5e-3 lambda-1e-2 passes-3 resnet20-mnist5k densenet10-mnist5k"
for run in $runs; do
    "$R" "reports/logs/$run.log.gz" -o "reports/$run.pdf"
    "$R" "reports/logs/$run.log.gz" -o "reports/$run.html"
done
# The λ sweep with both seeds of each λ (compare groups runs that differ only in the seed).
sweep="" labels=""
for l in 0 1e-3 5e-3 1e-2; do
    sweep="$sweep reports/logs/lambda-$l.log.gz reports/logs/lambda-$l-seed2.log.gz"
    labels="$labels --label λ=$l,s1 --label λ=$l,s2"
done
sweep="$sweep reports/logs/passes-3.log.gz"
labels="$labels --label λ=5e-3×3"
for format in pdf html; do
    # shellcheck disable=SC2086 # the lists are meant to split into arguments
    "$R" compare $sweep $labels -o "reports/comparison.$format"
done
"$R" chart gamma-hist-log reports/logs/lambda-5e-3.log.gz -o docs/images/report-gamma-hist.png
# shellcheck disable=SC2086
"$R" chart gamma-overlay $sweep $labels -o docs/images/report-gamma-overlay.png
"$R" chart kept-heatmap reports/logs/passes-3.log.gz -o docs/images/report-kept-heatmap.png
# shellcheck disable=SC2086
"$R" chart tradeoff $sweep $labels -o docs/images/report-tradeoff.png
# shellcheck disable=SC2086
"$R" chart prune-accuracy $sweep $labels -o docs/images/report-prune-accuracy.png
