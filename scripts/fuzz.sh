#!/usr/bin/env bash
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
#
# Builds the libFuzzer targets in fuzz/ (clang, ASan + UBSan) into build-fuzz/
# and runs each for N seconds, two at a time. Exits non-zero if any target
# crashes, hangs (-timeout) or leaks; the crashing input is kept under
# build-fuzz/artifacts/<target>/. See docs/fuzzing.md.
#
#   bash scripts/fuzz.sh                         # every target, 60 s each (CI smoke)
#   bash scripts/fuzz.sh --seconds 3600 model    # one target, one hour
#   bash scripts/fuzz.sh --corpus ~/fuzz-corpus  # keep what the runs find
#
# New corpus entries go to a temporary directory (or --corpus DIR), never into
# fuzz/corpus/: the repository's seeds are read only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=60
jobs=2
corpus_root=""
install=1
targets=()

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo "options: --seconds N  --jobs N  --corpus DIR  --no-install  [TARGET...]"
}

while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    --jobs=*) jobs="${1#*=}"; shift ;;
    --corpus) corpus_root="$2"; shift 2 ;;
    --corpus=*) corpus_root="${1#*=}"; shift ;;
    --no-install) install=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) t="$1"; [[ "$t" == *_fuzz ]] || t="${t}_fuzz"; targets+=("$t"); shift ;;
  esac
done
if ! [[ "$seconds" =~ ^[0-9]+$ && "$jobs" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: --seconds and --jobs take whole numbers" >&2
  exit 2
fi

if ((${#targets[@]} == 0)); then
  for src in "$root"/fuzz/*_fuzz.cc; do
    t="$(basename "$src" .cc)"
    targets+=("$t")
  done
fi
for t in "${targets[@]}"; do
  if [[ ! -f "$root/fuzz/$t.cc" ]]; then
    echo "fuzz.sh: no fuzz target $t (fuzz/$t.cc)" >&2
    exit 2
  fi
done

if ((install)); then bash "$root/scripts/install-deps.sh"; fi

build="$root/build-fuzz"
cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEADSCORE_FUZZ=ON \
  -DLEADSCORE_BUILD_TESTS=OFF -DLEADSCORE_BUILD_EXAMPLES=OFF \
  -DLEADSCORE_BUILD_BENCH=OFF -DLEADSCORE_INSTALL=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# Per target: the longest input worth mutating, and its dictionary.
max_len() { case "$1" in model_fuzz) echo 16384 ;; *) echo 4096 ;; esac; }
dict() {
  case "$1" in
    model_fuzz) echo "$root/fuzz/model.dict" ;;
    lead_line_fuzz|event_line_fuzz) echo "$root/fuzz/line.dict" ;;
    state_fuzz) if [[ -f "$root/fuzz/state.dict" ]]; then echo "$root/fuzz/state.dict"; fi ;;
  esac
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/leadscore-fuzz.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$build/logs"

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {
  local t="$1"
  local corpus="${corpus_root:+$corpus_root/$t}"
  corpus="${corpus:-$tmp/corpus/$t}"
  local artifacts="$build/artifacts/$t/"
  local log="$build/logs/$t.log"
  rm -rf "$artifacts"  # only this run's crashes
  mkdir -p "$corpus" "$artifacts"
  # Regressions are seeds too, so every run re-checks them.
  local seeds=("$root/fuzz/corpus/$t")
  [[ -d "$root/fuzz/regressions" ]] && compgen -G "$root/fuzz/regressions/$t-*" >/dev/null &&
    { mkdir -p "$tmp/regressions/$t"; cp "$root"/fuzz/regressions/"$t"-* "$tmp/regressions/$t/"; \
      seeds+=("$tmp/regressions/$t"); }
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560
              -max_len="$(max_len "$t")" -artifact_prefix="$artifacts" -print_final_stats=1)
  local d
  d="$(dict "$t")"
  [[ -n "$d" ]] && args+=(-dict="$d")
  # The outer timeout only guards against libFuzzer itself getting stuck.
  if timeout $((seconds + 300)) "$build/fuzz/$t" "${args[@]}" "$corpus" "${seeds[@]}" \
      >"$log" 2>&1; then
    echo "fuzz.sh: $t: ok ($(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" |
      grep -Eo '[0-9]+$' || echo '?') runs in ${seconds}s, log $log)"
  else
    echo "fuzz.sh: $t: FAILED, log $log" >&2
    grep -E 'ERROR|runtime error|_fuzz: |SUMMARY' "$log" | head -n 8 >&2 || true
    local a
    for a in "$artifacts"*; do
      [[ -e "$a" ]] && echo "fuzz.sh: $t: crashing input: $a" >&2
    done
    return 1
  fi
}

echo "fuzz.sh: ${#targets[@]} target(s), ${seconds}s each, $jobs at a time"
mkdir -p "$tmp/status"
for t in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  { rc=0; run_one "$t" || rc=$?; echo "$rc" >"$tmp/status/$t"; } &
done
wait
failed=()
for t in "${targets[@]}"; do
  [[ "$(cat "$tmp/status/$t" 2>/dev/null)" == 0 ]] || failed+=("$t")
done
if ((${#failed[@]})); then
  echo "fuzz.sh: FAILED: ${failed[*]} (inputs under $build/artifacts/)" >&2
  exit 1
fi
echo "fuzz.sh: all ${#targets[@]} target(s) ran ${seconds}s without a crash"
