#!/bin/sh
# libFuzzer runs of the log reader and the checkpoint (pickle) reader: `make fuzz`.
# FUZZ_SECONDS (default 60) per target; findings (crashing inputs) land in out/fuzz/.
# The modules are compiled with swiftc -sanitize=fuzzer (coverage for libFuzzer), one
# whole-module object each, so no package flags change.
set -eu
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
OUT=out/fuzz
BUILD=$OUT/build
mkdir -p "$BUILD"
SWIFTC=${SWIFTC:-swiftc}
FLAGS="-sanitize=fuzzer -parse-as-library -O -I $BUILD -I Sources/CZlib"

module() { # NAME SOURCES…
    name=$1; shift
    $SWIFTC $FLAGS -wmo -c -module-name "$name" -emit-module-path "$BUILD/$name.swiftmodule" -o "$BUILD/$name.o" "$@"
}
module SlimGzip $(find Sources/SlimGzip -name '*.swift')
module SlimLog $(find Sources/SlimLog -name '*.swift')
module SlimPruning $(find Sources/SlimPruning -name '*.swift')
module SlimAnalysis $(find Sources/SlimAnalysis -name '*.swift')
module SlimImport $(find Sources/SlimImport -name '*.swift')
$SWIFTC $FLAGS Fuzz/LogReaderFuzz.swift "$BUILD"/SlimGzip.o "$BUILD"/SlimLog.o "$BUILD"/SlimPruning.o "$BUILD"/SlimAnalysis.o -lz -o "$BUILD/fuzz-log"
$SWIFTC $FLAGS Fuzz/PickleFuzz.swift "$BUILD"/SlimGzip.o "$BUILD"/SlimLog.o "$BUILD"/SlimImport.o -lz -o "$BUILD/fuzz-pickle"

# Seed corpora: the committed bad inputs and good examples; libFuzzer adds what it finds
# to a scratch copy so the repository stays clean.
mkdir -p "$OUT/corpus-log" "$OUT/corpus-pickle"
cp Tests/BadInputs/*.log "$OUT/corpus-log/" 2>/dev/null || true
cp Tests/SlimImportTests/Fixtures/*.log "$OUT/corpus-log/"
cp Tests/BadInputs/*.pth Tests/SlimImportTests/Fixtures/*.pth* "$OUT/corpus-pickle/" 2>/dev/null || true

status=0
for target in log pickle; do
    echo "fuzzing the $target reader for $SECONDS_PER_TARGET s"
    dict=""; [ -f "Fuzz/$target.dict" ] && dict="-dict=Fuzz/$target.dict"
    "$BUILD/fuzz-$target" $dict -max_total_time="$SECONDS_PER_TARGET" -timeout=5 -rss_limit_mb=1536 -max_len=1048576 \
        -artifact_prefix="$OUT/$target-" "$OUT/corpus-$target" 2>"$OUT/$target.txt" || status=1
    tail -n 3 "$OUT/$target.txt"
done
[ $status -eq 0 ] || echo "fuzz: a finding; see $OUT/*.txt and the inputs $OUT/*-crash-*" >&2
exit $status
