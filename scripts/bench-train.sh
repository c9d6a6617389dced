#!/usr/bin/env bash
# Training/inference speed of Slim's engine, side by side with PyTorch when it imports.
#
#   scripts/bench-train.sh [--threads N] [--rounds R] [--steps S] [--models "mnist-vgg vgg19 …"] [--clock wall|cpu]
#
# PyTorch runs under $PYTHON (default python3), e.g. PYTHON=/path/to/venv/bin/python.
#
# For mnist-vgg (1×28×28), vgg19, resnet164 and densenet40 (3×32×32), batch 64: R rounds,
# each running Slim then PyTorch in fresh processes (so peak memory is per model), medians
# over rounds. The machine is shared, so the two engines are interleaved rather than run one
# after the other. The ResNet and DenseNet steps are S/2 (at least 3): they are slow.
# Then two yardsticks, also interleaved over R rounds: vgg19's 3×3 convolutions (evaluation
# forward, one thread, direct-convolution FLOPs) against the single-threaded SGEMM rate, and
# the batch-1 latency of a pruned mnist-vgg (the λ = 5e-3, p = 0.5 example run's widths)
# against PyTorch's. Every target is checked at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=${SLIM_THREADS:-$(nproc)}
rounds=3
steps=10
models="mnist-vgg vgg19 resnet164 densenet40"
clock=wall
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --clock) clock=$2; shift 2 ;;
    *) echo "bench-train.sh: unknown option $1 (use --threads N, --rounds R, --steps S, --models LIST, --clock wall|cpu)" >&2; exit 2 ;;
  esac
done

for product in slim-engine-bench slim-train; do
  if ! build=$(swift build -c release --product "$product" 2>&1); then echo "$build" >&2; exit 1; fi
done
slim=.build/release/slim-engine-bench
pruned_cfg=17,22,M,38,41,M,55,50,M
python=${PYTHON:-python3}
have_torch=0
if "$python" -c "import torch" 2>/dev/null; then have_torch=1; fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

input_of() { case "$1" in mnist-*) echo "1 28" ;; *) echo "3 32" ;; esac; }
steps_of() { case "$1" in resnet*|densenet*) echo $(( steps / 2 > 3 ? steps / 2 : 3 )) ;; *) echo "$steps" ;; esac; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kernel=""
for model in $models; do
  read -r channels size <<<"$(input_of "$model")"
  model_steps=$(steps_of "$model")
  for ((r = 1; r <= rounds; r++)); do
    line=$("$slim" --model "$model" --threads "$threads" --steps "$model_steps" --clock "$clock")
    echo "$line" >>"$work/slim-$model"
    kernel=$(echo "$line" | awk '{ print $7 }')
    if [ $have_torch = 1 ]; then
      (cd scripts/pytorch && "$python" bench.py --model "$model" --channels "$channels" --size "$size" \
        --threads "$threads" --steps "$model_steps" --clock "$clock") >>"$work/torch-$model"
    fi
  done
done

for ((r = 1; r <= rounds; r++)); do
  "$slim" --model vgg19 --profile --by-kind --threads 1 --steps 3 | awk '$1 == "conv2d" && $2 == "3×3/1" { print $NF }' >>"$work/conv3x3"
  "$slim" --measure-gemm >>"$work/sgemm"
  .build/release/slim-train measure-model --cfg "$pruned_cfg" --threads "$threads" | awk '$1 == "latency" && $2 == 1 { print $3 }' >>"$work/slim-latency"
  if [ $have_torch = 1 ]; then
    (cd scripts/pytorch && "$python" bench.py --cfg "$pruned_cfg" --channels 1 --size 28 --threads "$threads" --latency) |
      awk '{ print $3 }' >>"$work/torch-latency"
  fi
done

col() { awk -v c="$2" '{ print $c }' "$1" | median; }
misses=()
check() { # check NAME VALUE OP LIMIT
  if ! awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { exit !(op == ">=" ? v >= l : v <= l) }'; then misses+=("$1 $2 (target $3 $4)"); fi
}
echo "Slim engine benchmark: batch 64, $threads threads, $clock clock, median of $rounds rounds; OpenBLAS kernels: $kernel"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') (family $(grep -m1 'cpu family' /proc/cpuinfo | awk '{print $NF}'), model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | awk '{print $NF}')); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU flags (vector): $(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(sse4_2|avx|avx2|fma|avx512f|avx512bw|avx512vl|avx512_vnni|avx512_bf16|avx512_fp16|amx_tile)$' | tr '\n' ' ')"
printf '%-10s %-8s %12s %12s %11s %11s %10s %10s\n' model engine "train img/s" "infer img/s" "train GF/s" "infer GF/s" "peak MB" params
for model in $models; do
  s_train=$(col "$work/slim-$model" 2); s_infer=$(col "$work/slim-$model" 3)
  s_gft=$(col "$work/slim-$model" 4); s_gfi=$(col "$work/slim-$model" 5); s_mem=$(col "$work/slim-$model" 6)
  flops=$(awk -v t="$s_infer" -v g="$s_gfi" 'BEGIN { print g / t }')
  printf '%-10s %-8s %12.1f %12.1f %11.1f %11.1f %10.0f %10s\n' "$model" slim "$s_train" "$s_infer" "$s_gft" "$s_gfi" \
    "$(awk -v m="$s_mem" 'BEGIN { print m / 1048576 }')" "$(col "$work/slim-$model" 8)"
  if [ $have_torch = 1 ]; then
    t_train=$(col "$work/torch-$model" 2); t_infer=$(col "$work/torch-$model" 3); t_mem=$(col "$work/torch-$model" 4)
    printf '%-10s %-8s %12.1f %12.1f %11.1f %11.1f %10.0f %10s\n' "$model" pytorch "$t_train" "$t_infer" \
      "$(awk -v t="$t_train" -v f="$flops" 'BEGIN { print 3 * t * f }')" "$(awk -v t="$t_infer" -v f="$flops" 'BEGIN { print t * f }')" \
      "$(awk -v m="$t_mem" 'BEGIN { print m / 1048576 }')" "$(col "$work/torch-$model" 5)"
    train_ratio=$(awk -v a="$s_train" -v b="$t_train" 'BEGIN { printf "%.2f", a / b }')
    infer_ratio=$(awk -v a="$s_infer" -v b="$t_infer" 'BEGIN { printf "%.2f", a / b }')
    mem_ratio=$(awk -v a="$s_mem" -v b="$t_mem" 'BEGIN { printf "%.2f", a / b }')
    printf '%-10s %-8s %11.2fx %11.2fx %11s %11s %9.2fx\n' "$model" ratio "$train_ratio" "$infer_ratio" "" "" "$mem_ratio"
    check "$model training ratio" "$train_ratio" ">=" 1.00
    check "$model inference ratio" "$infer_ratio" ">=" 1.20
    check "$model peak memory ratio" "$mem_ratio" "<=" 1.00
  fi
done
conv=$(median <"$work/conv3x3"); sgemm=$(median <"$work/sgemm")
conv_share=$(awk -v c="$conv" -v g="$sgemm" 'BEGIN { printf "%.0f", 100 * c / g }')
echo
echo "vgg19 3×3 convolutions, evaluation forward, 1 thread: $(printf '%.1f' "$conv") GFLOP/s (direct-convolution FLOPs)" \
  "= ${conv_share}% of single-threaded SGEMM $(printf '%.1f' "$sgemm") GFLOP/s"
check "vgg19 3×3 convolutions % of SGEMM" "$conv_share" ">=" 70
s_latency=$(median <"$work/slim-latency")
if [ $have_torch = 1 ]; then
  t_latency=$(median <"$work/torch-latency")
  echo "pruned mnist-vgg ($pruned_cfg), batch 1, $threads threads: Slim $(printf '%.3f' "$s_latency") ms, PyTorch $(printf '%.3f' "$t_latency") ms"
  check "pruned mnist-vgg batch-1 latency ms" "$s_latency" "<=" "$t_latency"
else
  echo "pruned mnist-vgg ($pruned_cfg), batch 1, $threads threads: Slim $(printf '%.3f' "$s_latency") ms"
  echo "(PyTorch does not import here; only Slim was measured)"
fi
echo "Targets: training ≥ 1.00x and inference ≥ 1.20x PyTorch's images/s, peak memory ≤ 1.00x PyTorch's;" \
  "vgg19 3×3 convolutions ≥ 70% of SGEMM; pruned mnist-vgg batch-1 latency ≤ PyTorch's."
if [ $have_torch = 0 ]; then
  echo "Ratios not checked (no PyTorch)."
elif [ ${#misses[@]} -eq 0 ]; then
  echo "All targets met."
else
  echo "Targets missed: ${#misses[@]}"; printf '  %s\n' "${misses[@]}"
fi
