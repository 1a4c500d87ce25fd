#!/usr/bin/env bash
# ThreadSanitizer run of the hot-reload stress test (tests/stress/,
# docs/reliability.md "Concurrency and hot reload"), then of `leadscore score`
# on the sample data with 3 threads (parallel reading into event shards and
# block scoring), whose output must equal that of 1 thread.
#   scripts/tsan.sh                 configure build-tsan/, build, run (20 s)
#   scripts/tsan.sh --seconds S     run for S seconds instead
#   scripts/tsan.sh --threads N     N scoring threads (default 4) + 1 reloader
# Exits non-zero on any data race report or wrong scorecard.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

seconds=20
threads=4
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "tsan.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

dir=build-tsan
# -O1 -g: TSan needs symbols for readable reports and stays fast enough.
# Tests, examples and benchmarks are not built here: only the library, the
# stress test (LEADSCORE_TSAN builds hot_reload_stress on its own) and the CLI.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
  -DLEADSCORE_TSAN=ON -DLEADSCORE_BUILD_TESTS=OFF -DLEADSCORE_BUILD_EXAMPLES=OFF \
  -DLEADSCORE_BUILD_BENCH=OFF -DLEADSCORE_INSTALL=OFF >/dev/null
cmake --build "$dir" -j"$(nproc)" --target hot_reload_stress leadscore_cli

# halt_on_error: the first race fails the run; exitcode 66 marks a TSan report.
# second_deadlock_stack helps with lock-order reports.
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"

# First make sure TSan is really on: a deliberate race must be reported.
set +e
"$dir/hot_reload_stress" --inject-race >/dev/null 2>&1
code=$?
set -e
if ((code != 66)); then
  echo "tsan.sh: ThreadSanitizer did not report the injected race (exit $code)" >&2
  exit 1
fi
echo "tsan.sh: ThreadSanitizer is active (injected race reported)"
"$dir/hot_reload_stress" --seconds "$seconds" --threads "$threads"

# The CLI on several threads: events read into shards in parallel, leads
# scored in blocks by whichever thread is free.
data=examples/data
for t in 1 3; do
  "$dir/leadscore" score --model examples/models/b2b-saas.json --leads "$data/leads.jsonl" \
    --events "$data/events.jsonl" --as-of "$(cat "$data/as_of.txt")" --threads "$t" \
    --out "$dir/tsan-cli-$t.jsonl" 2>"$dir/tsan-cli-$t.log" || {
    echo "tsan.sh: leadscore score --threads $t failed:" >&2
    cat "$dir/tsan-cli-$t.log" >&2
    exit 1
  }
done
if ! cmp -s "$dir/tsan-cli-1.jsonl" "$dir/tsan-cli-3.jsonl"; then
  echo "tsan.sh: leadscore score gave other scorecards with 3 threads than with 1" >&2
  exit 1
fi
echo "tsan.sh: leadscore score --threads 3: no race, same scorecards as 1 thread"
