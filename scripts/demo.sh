#!/usr/bin/env bash
# The README's demo: a short Network Slimming run on the embedded mnist-5k digits,
# then its report as PDF and HTML.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release
out=out/demo
rm -rf "$out"
mkdir -p out
"$bin/slim-train" --model mnist-vgg --epochs 4 --finetune-epochs 2 --lambda 1e-2 --prune-ratio 0.5 \
  --gamma-every 20 --name "demo: mnist-vgg λ=1e-2 p=0.5" --out "$out"
"$bin/slim-report" check "$out/run.log"
"$bin/slim-report" "$out/run.log" -o report.pdf
"$bin/slim-report" "$out/run.log" -o report.html
echo "wrote report.pdf and report.html from $out/run.log"
