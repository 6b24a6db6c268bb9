#!/usr/bin/env bash
# Loading the shipped catalog: `limber catalog check` reports how long loading and validating
# took inside the process; the whole-process time is compared with `limber --version` (same
# binary, no catalog) in the same run, so start-up cost and machine speed cancel out.
# Usage: Benchmarks/catalog-load.sh [RUNS]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
swift build -c release --product limber >/dev/null
bin=.build/release/limber
inside=()
check_total=0
version_total=0
for _ in $(seq "$runs"); do
    start=$(date +%s%N); out=$("$bin" catalog check); end=$(date +%s%N)
    check_total=$((check_total + end - start))
    inside+=("$(echo "$out" | sed -n 's/.* in \([0-9]*\) ms.*/\1/p')")
    start=$(date +%s%N); "$bin" --version >/dev/null; end=$(date +%s%N)
    version_total=$((version_total + end - start))
done
sorted=$(printf '%s\n' "${inside[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "catalog load + validation inside the process: median ${median} ms (min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)) over $runs runs"
echo "whole process: catalog check $((check_total / runs / 1000000)) ms vs --version $((version_total / runs / 1000000)) ms (mean of $runs);" \
     "ratio $(awk -v a=$check_total -v b=$version_total 'BEGIN { printf "%.2f", a / b }')"
