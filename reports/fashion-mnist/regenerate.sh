#!/bin/sh
# Draws the Fashion-MNIST study's reports from its logs in reports/fashion-mnist/logs/ (made by
# reports/fashion-mnist/run.sh): a report per headline run, the seeds of every λ compared, and
# slim-train against the PyTorch reference at each prune ratio. Also the README's first picture.
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --product slim-report
R=.build/release/slim-report
F=reports/fashion-mnist
L=$F/logs
for run in slim-lambda-5e-3-seed1-p0.7 slim-lambda-0-seed1-p0.7 pytorch-lambda-5e-3-seed1-p0.7; do
    for format in pdf html; do "$R" "$L/$run.log.gz" -o "$F/$run.$format"; done
done
# The logs of (engine, λ, ratio), every seed there is, each labelled alike so compare groups them.
group() {
    for s in 1 2 3; do
        log="$L/$1-lambda-$2-seed$s-p$3.log.gz"
        if [ -f "$log" ]; then printf ' %s --label %s' "$log" "$4"; fi
    done
}
seeds=""
for p in 0.5 0.7; do
    for l in 0 1e-4 1e-3 5e-3; do seeds="$seeds$(group slim "$l" "$p" "λ=$l,p=$p")"; done
done
for format in pdf html; do
    # shellcheck disable=SC2086 # the lists are meant to split into arguments
    "$R" compare $seeds -o "$F/seeds.$format"
done
for p in 0.5 0.7; do
    both="" headline=""
    for l in 0 5e-3 1e-3 1e-4; do
        pair="$(group slim "$l" "$p" "Slim,λ=$l")$(group pytorch "$l" "$p" "PyTorch,λ=$l")"
        both="$both$pair"
        case $l in 0|5e-3) headline="$headline$pair" ;; esac
    done
    for format in pdf html; do
        # shellcheck disable=SC2086
        "$R" compare $both -o "$F/slim-vs-pytorch-p$p.$format"
    done
    if [ "$p" = 0.7 ]; then
        # shellcheck disable=SC2086
        "$R" chart prune-accuracy $headline -o docs/images/fashion-prune-accuracy.png
    fi
done
