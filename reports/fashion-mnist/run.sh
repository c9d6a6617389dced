#!/bin/sh
# The Fashion-MNIST study (issue 20): slim-train and the PyTorch reference
# (scripts/pytorch/slim_reference.py) run the same protocol on the full 60,000 + 10,000 images,
# and their logs go to reports/fashion-mnist/logs/. Then `sh reports/regenerate.sh` draws the
# reports. What the study shows and what it cost: reports/README.md, docs/slimming.md.
#
#   sh reports/fashion-mnist/run.sh            # both halves at once, one thread each, nice 10
#   sh reports/fashion-mnist/run.sh slim       # only slim-train's half
#   sh reports/fashion-mnist/run.sh pytorch    # only PyTorch's half (PYTHON=/path/to/python)
#
# Each (λ, seed) trains once and is pruned at p = 0.5 and p = 0.7 from the same sparsity-trained
# network. slim-train: the p = 0.5 run goes to the end; the p = 0.7 log is the p = 0.5 log up
# to its first prune line (the header's prune_ratio, name and run id changed to p = 0.7) with the
# pass-0 checkpoint, continued by `slim-train --resume` (whose resume line marks the branch).
# The PyTorch script writes both logs from one training.
set -eu
cd "$(dirname "$0")/../.."
scripts/install-deps.sh dataset-fashion-mnist
mode=${1:-all}
out=${SLIM_FASHION_DIR:-runs/fashion-mnist}
logs=reports/fashion-mnist/logs
PYTHON=${PYTHON:-python3}
# The runs, most important first: λ:seed pairs (SLIM_FASHION_RUNS="…" runs others). λ = 5e-3 is
# the headline and λ = 0 the baseline, three seeds each; λ = 1e-3 and 1e-4 one seed each (three
# sparsity epochs move a γ by at most λ·Σlr ≈ λ·197, which at 1e-3 is too little: see docs/slimming.md).
runs=${SLIM_FASHION_RUNS:-"0:1 5e-3:1 0:2 5e-3:2 0:3 5e-3:3 1e-3:1 1e-4:1"}
protocol="--model mnist-small --epochs 3 --finetune-epochs 2 --gamma-every 50"
keep() { gzip -9 -c "$1" > "$logs/$2.log.gz"; }

slim_half() {
    # SLIM_TRAIN=path runs that build instead (a study split over two invocations keeps one binary).
    T=${SLIM_TRAIN:-.build/release/slim-train}
    if [ -z "${SLIM_TRAIN:-}" ]; then swift build -c release --product slim-train; fi
    for pair in $runs; do
        l=${pair%:*} s=${pair#*:}
        a="$out/slim-lambda-$l-seed$s-p0.5" b="$out/slim-lambda-$l-seed$s-p0.7"
        # shellcheck disable=SC2086 # the protocol is meant to split into arguments
        nice -n 10 "$T" $protocol --dataset fashion-mnist --threads 1 --lambda "$l" --seed "$s" --prune-ratio 0.5 \
            --name "mnist-small λ=$l p=0.5 seed $s" --out "$a"
        keep "$a/run.log" "slim-lambda-$l-seed$s-p0.5"
        rm -rf "$b" && mkdir -p "$b"
        cp "$a"/pass0-*.safetensors "$b/"
        awk '/"type":"prune"/ { exit } { print }' "$a/run.log" \
            | sed '1s/"prune_ratio":0\.5,/"prune_ratio":0.7,/; 1s/ p=0\.5 / p=0.7 /; 1s/"run_id":"\([^"]*\)"/"run_id":"\1-p0.7"/' \
            > "$b/run.log"
        nice -n 10 "$T" --resume "$b" --threads 1
        keep "$b/run.log" "slim-lambda-$l-seed$s-p0.7"
    done
}

pytorch_half() {
    for pair in $runs; do
        l=${pair%:*} s=${pair#*:}
        # shellcheck disable=SC2086
        PYTHONPATH=python nice -n 10 "$PYTHON" scripts/pytorch/slim_reference.py $protocol --dataset fashion-mnist \
            --threads 1 --lambda "$l" --seed "$s" --ratios 0.5,0.7 --out "$out/pytorch" --stem "pytorch-lambda-$l-seed$s"
        for p in 0.5 0.7; do keep "$out/pytorch/pytorch-lambda-$l-seed$s-p$p.log" "pytorch-lambda-$l-seed$s-p$p"; done
    done
}

mkdir -p "$out" "$logs"
case $mode in
    slim) slim_half ;;
    pytorch) pytorch_half ;;
    all) slim_half & pytorch_half; wait ;;
    *) echo "usage: sh reports/fashion-mnist/run.sh [all|slim|pytorch]" >&2; exit 2 ;;
esac
