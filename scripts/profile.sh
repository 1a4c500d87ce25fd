#!/usr/bin/env bash
# Where an event's time goes, in instructions: runs bench/profile_apply under
# valgrind's callgrind, counting only the host loop (ApplyStream), and prints
# instructions per event in total and for the engine's main functions
# (inclusive of what they call). Instruction counts do not drift with the
# machine's load, unlike times; see docs/performance.md for the figures.
#   scripts/profile.sh [--leads N] [--window W] [--rules R]   (defaults 1000, 16, 30)
# Needs valgrind (apt-get install valgrind). Builds profile_apply in
# LEADSCORE_BENCH_BUILD_DIR (default: build). Leaves callgrind.out in
# BUILD_DIR/bench-results/ for callgrind_annotate or kcachegrind.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

leads=1000
window=16
rules=30
while (($#)); do
  case $1 in
    --leads) shift; leads=${1:?} ;;
    --window) shift; window=${1:?} ;;
    --rules) shift; rules=${1:?} ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "profile.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
if ! command -v valgrind >/dev/null; then
  echo "profile.sh: needs valgrind (apt-get install valgrind)" >&2
  exit 1
fi

dir=${LEADSCORE_BENCH_BUILD_DIR:-build}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DLEADSCORE_BUILD_BENCH=ON >/dev/null
cmake --build "$dir" -j2 --target profile_apply >/dev/null
mkdir -p "$dir/bench-results"
out=$dir/bench-results/callgrind.out
events=$((leads * 20 * 2))
valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect='*ApplyStream*' \
  "$dir/profile_apply" --leads "$leads" --window "$window" --rules "$rules" --passes 2 \
  >/dev/null 2>"$dir/bench-results/callgrind.log"

echo "instructions per event (rules $rules, $leads leads, 20 events each, window $window; 2 passes)"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | awk -v n="$events" '
  # A function may be listed once per source file it was inlined from: sum.
  function show(label, pattern,   i, sum) {
    sum = 0
    for (i = 1; i <= count; ++i) {
      if (index(names[i], pattern) > 0) sum += costs[i]
    }
    printf "%8.0f  %s\n", sum / n, label
  }
  /^ *[0-9,]+ / {
    c = $1; gsub(",", "", c); count++; costs[count] = c; names[count] = $0
  }
  END {
    show("host loop and everything below it (ApplyStream)", "ApplyStream(")
    show("  Scorer::Apply", "leadscore::Scorer::Apply(")
    show("    PrepareEvent: type, id, rule matching", "internal::PrepareEvent(")
    show("      property lookups (PropFrame::Resolve)", "PropFrame::Resolve(")
    show("      condition evaluation (Evaluate)", "internal::Evaluate(")
    show("        contains/contains_any needle search", "PropFrame::Needles(")
    show("    StepCore: caps, rings, sums, classification", "internal::StepCore(")
    show("      classification snapshot (FillSnapshot)", "FillSnapshot(")
    show("      caps (JudgeCaps)", "internal::JudgeCaps(")
    show("    moving the reorder checkpoint (0 when inlined)", "AdvanceCheckpoint(")
    show("    stage transitions for the caller", "ToTransitions(")
    show("  exp2 (decay), all callers", ":exp2@@GLIBC")
    show("  malloc, all callers", "malloc.c:malloc [")
  }'
