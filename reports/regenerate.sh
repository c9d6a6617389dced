#!/bin/sh
# Regenerates the example reports in reports/ from the run logs in reports/logs/.
# The logs come from slim-train on the embedded mnist-5k data (see docs/reports.md).
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product slim-report
R=.build/release/slim-report
for run in lambda-0 lambda-1e-3 lambda-2e-2 passes-3; do
    "$R" "reports/logs/$run.log.gz" -o "reports/$run.pdf"
    "$R" "reports/logs/$run.log.gz" -o "reports/$run.html"
done
"$R" compare reports/logs/lambda-0.log.gz reports/logs/lambda-1e-3.log.gz reports/logs/lambda-2e-2.log.gz reports/logs/passes-3.log.gz \
    --label "λ=0" --label "λ=1e-3" --label "λ=2e-2" --label "λ=2e-2 ×3 passes" -o reports/comparison.pdf
"$R" compare reports/logs/lambda-0.log.gz reports/logs/lambda-1e-3.log.gz reports/logs/lambda-2e-2.log.gz reports/logs/passes-3.log.gz \
    --label "λ=0" --label "λ=1e-3" --label "λ=2e-2" --label "λ=2e-2 ×3 passes" -o reports/comparison.html
"$R" chart gamma-hist-log reports/logs/lambda-1e-3.log.gz -o docs/images/report-gamma-hist.png
"$R" chart kept-heatmap reports/logs/passes-3.log.gz -o docs/images/report-kept-heatmap.png
"$R" chart tradeoff reports/logs/lambda-0.log.gz reports/logs/lambda-1e-3.log.gz reports/logs/lambda-2e-2.log.gz reports/logs/passes-3.log.gz \
    --label "λ=0" --label "λ=1e-3" --label "λ=2e-2" --label "λ=2e-2 ×3" -o docs/images/report-tradeoff.png
