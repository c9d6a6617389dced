#!/bin/sh
# Trains the example runs on the embedded mnist-5k digits and stores their logs in
# reports/logs/ (about 50 minutes on 2 cores). Then `sh reports/regenerate.sh` draws the
# reports. The commands and what the runs show: reports/README.md, docs/slimming.md.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product slim-train
T=.build/release/slim-train
out=${SLIM_EXAMPLES_DIR:-runs/examples}
keep() { gzip -9 -c "$out/$1/run.log" > "reports/logs/$1.log.gz"; }
for l in 0 1e-3 5e-3 1e-2; do
    "$T" --model mnist-vgg --epochs 10 --finetune-epochs 5 --gamma-every 20 --seed 1 \
        --lambda "$l" --prune-ratio 0.5 --name "mnist-vgg λ=$l p=0.5" --out "$out/lambda-$l"
    keep "lambda-$l"
done
# A second seed of the λ sweep: the comparison groups runs that differ only in the seed.
for l in 0 1e-3 5e-3 1e-2; do
    "$T" --model mnist-vgg --epochs 10 --finetune-epochs 5 --gamma-every 20 --seed 2 \
        --lambda "$l" --prune-ratio 0.5 --name "mnist-vgg λ=$l p=0.5 seed 2" --out "$out/lambda-$l-seed2"
    keep "lambda-$l-seed2"
done
"$T" --model mnist-vgg --epochs 10 --finetune-epochs 4 --gamma-every 20 --seed 1 \
    --lambda 5e-3 --prune-ratio 0.3 --passes 3 --name "mnist-vgg λ=5e-3 p=0.3 ×3 passes" --out "$out/passes-3"
keep passes-3
"$T" --model resnet20 --epochs 12 --finetune-epochs 4 --lr 0.05 --lambda 5e-3 --prune-ratio 0.5 --seed 1 \
    --gamma-every 20 --out "$out/resnet20-mnist5k"
keep resnet20-mnist5k
"$T" --model densenet10 --epochs 8 --finetune-epochs 3 --lambda 1e-2 --prune-ratio 0.5 --seed 1 \
    --gamma-every 20 --out "$out/densenet10-mnist5k"
keep densenet10-mnist5k
