#!/usr/bin/env bash
# Builds and runs the benchmark suite (bench/*_bench.cc), then checks the
# engine's speed against the naive baseline.
#   scripts/bench.sh            default sizes (1 k and 100 k leads; several minutes)
#   scripts/bench.sh --short    small sizes, short runs (CI smoke: under 2 minutes of runs)
#   scripts/bench.sh --full     adds 1 M resident leads (needs ~10+ GB free; slow)
# Options: --no-build (use the existing build), --filter REGEX (passed to every
# bench binary as --benchmark_filter), --no-cli (skip the end-to-end CLI run).
# Environment:
#   LEADSCORE_BENCH_BUILD_DIR     build directory (default: build)
#   LEADSCORE_BENCH_MIN_RATIO     minimum engine/naive speed ratio (default 3.0)
#   LEADSCORE_BENCH_MEM_BUDGET_GB memory the 1 M-lead cases may use (default 12)
# Results: BUILD_DIR/bench-results/NAME.json (Google Benchmark JSON, one per
# binary), cli.json (end-to-end CLI), summary.txt. Exit 1 if the engine's
# ratio_vs_naive (BM_EngineApply, 30 rules, reorder window 16, largest lead
# count run) is below the minimum, 2 on usage errors.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

mode=default
build=1
cli=1
filter=""
while (($#)); do
  case $1 in
    --short) mode=short ;;
    --full) mode=full ;;
    --no-build) build=0 ;;
    --no-cli) cli=0 ;;
    --filter) shift; filter=${1:?--filter needs a regex} ;;
    --filter=*) filter=${1#--filter=} ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

dir=${LEADSCORE_BENCH_BUILD_DIR:-build}
results=$dir/bench-results
min_ratio=${LEADSCORE_BENCH_MIN_RATIO:-3.0}

benches=()
for f in bench/*_bench.cc; do
  [[ -e $f ]] || continue
  benches+=("$(basename "$f" .cc)")
done
if ((${#benches[@]} == 0)); then
  echo "bench.sh: no bench/*_bench.cc" >&2
  exit 1
fi

if ((build)); then
  bash scripts/install-deps.sh
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DLEADSCORE_BUILD_BENCH=ON >/dev/null
  jobs=$(nproc); ((jobs > 2)) && jobs=2
  cmake --build "$dir" -j"$jobs" --target "${benches[@]}" leadscore_cli leadscore-gen
fi
for b in "${benches[@]}"; do
  if [[ ! -x $dir/$b ]]; then
    echo "bench.sh: $dir/$b was not built (is Google Benchmark installed? libbenchmark-dev)" >&2
    exit 1
  fi
done

mkdir -p "$results"
rm -f "$results"/*.json "$results"/summary.txt

export LEADSCORE_BENCH_MODE=$mode
export LEADSCORE_SOURCE_DIR=$root
start=$SECONDS
for b in "${benches[@]}"; do
  args=(--benchmark_out="$results/$b.json" --benchmark_out_format=json)
  if [[ $mode == short ]]; then
    # The engine benchmark alternates engine and naive passes; give the ratio a
    # few more rounds than the rest.
    if [[ $b == engine_bench ]]; then
      args+=(--benchmark_min_time=0.2)
    else
      args+=(--benchmark_min_time=0.05)
    fi
  fi
  [[ -n $filter ]] && args+=(--benchmark_filter="$filter")
  echo "== $b (mode $mode)"
  "$dir/$b" "${args[@]}"
done

if ((cli)); then
  case $mode in
    short) leads=10000 events=100000 runs=1 ;;
    full) leads=1000000 events=10000000 runs=2 ;;
    *) leads=100000 events=1000000 runs=3 ;;
  esac
  data=$dir/bench-data/gen-$leads-$events
  if [[ ! -s $data/events.jsonl ]]; then
    mkdir -p "$data"
    "$dir/leadscore-gen" --leads "$leads" --events "$events" --seed 1 --out-dir "$data" >/dev/null
  fi
  echo "== CLI end to end: leadscore score, b2b-saas model, $leads leads, $events event lines"
  python3 - "$dir/leadscore" "$root/examples/models/b2b-saas.json" "$data" "$runs" \
    "$results/cli.json" <<'EOF'
import json, os, resource, subprocess, sys, time
cli, model, data, runs, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
leads, events = os.path.join(data, "leads.jsonl"), os.path.join(data, "events.jsonl")
as_of = open(os.path.join(data, "as_of.txt")).read().strip()
size = os.path.getsize(leads) + os.path.getsize(events)
with open(events, "rb") as f:
    lines = sum(1 for _ in f)
best = None
for _ in range(runs):
    t0 = time.monotonic()
    subprocess.run([cli, "score", "--model", model, "--leads", leads, "--events", events,
                    "--as-of", as_of, "--out", os.devnull],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    best = wall if best is None else min(best, wall)
peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
r = {"name": "cli_score_end_to_end", "input_bytes": size, "event_lines": lines,
     "best_wall_s": best, "mb_per_s": size / best / 1e6, "events_per_s": lines / best,
     "peak_rss_mib": peak_mib, "runs": runs}
json.dump(r, open(out, "w"), indent=1)
print("  %.1f MB in %.3f s (best of %d): %.1f MB/s, %.0f event lines/s, peak RSS %.0f MiB"
      % (size / 1e6, best, runs, r["mb_per_s"], r["events_per_s"], peak_mib))
EOF
fi
echo "== benchmarks took $((SECONDS - start)) s"

# Summary and the ratio check.
python3 - "$results" "$min_ratio" <<'EOF'
import glob, json, os, re, sys
results, min_ratio = sys.argv[1], float(sys.argv[2])
runs = {}
for path in sorted(glob.glob(os.path.join(results, "*_bench.json"))):
    with open(path) as f:
        for b in json.load(f).get("benchmarks", []):
            runs[b["name"]] = b
lines = []
def fmt(x):
    return "%.3g" % x if isinstance(x, float) else str(x)
keys = ["items_per_second", "bytes_per_second", "ratio_vs_naive", "engine_eps", "naive_eps",
        "ns_per_event", "late_vs_early", "state_sizeof", "heap_per_lead_start",
        "heap_per_lead_after", "naive_heap_per_lead_after", "us_per_rule", "heap_per_state",
        "parse_share", "serial_prep_share", "speedup_vs_1_thread", "peak_rss_mib"]
for name, b in runs.items():
    if b.get("error_occurred"):
        lines.append("%s: %s" % (name, b.get("error_message", "error")))
        continue
    parts = ["%s=%s" % (k, fmt(b[k])) for k in keys if k in b]
    lines.append("%s: %s" % (name, " ".join(parts)))
cli = os.path.join(results, "cli.json")
if os.path.exists(cli):
    c = json.load(open(cli))
    lines.append("cli_score_end_to_end: mb_per_s=%.3g events_per_s=%.3g peak_rss_mib=%.0f"
                 % (c["mb_per_s"], c["events_per_s"], c["peak_rss_mib"]))
summary = "\n".join(lines) + "\n"
open(os.path.join(results, "summary.txt"), "w").write(summary)
print("== summary (%s/summary.txt)" % results)
print(summary, end="")

pat = re.compile(r"^BM_EngineApply/rules:30/leads:(\d+)/epl:\d+/window:16$")
cands = [(int(m.group(1)), b) for n, b in runs.items()
         for m in [pat.match(n)] if m and "ratio_vs_naive" in b]
if not cands:
    if any(n.startswith("BM_EngineApply/") for n in runs) or not runs:
        print("bench.sh: no ratio_vs_naive for BM_EngineApply/rules:30/.../window:16 in the results",
              file=sys.stderr)
        sys.exit(1)
    print("== ratio check skipped (engine benchmark filtered out)")
    sys.exit(0)
leads, b = max(cands, key=lambda c: c[0])
ratio = b["ratio_vs_naive"]
verdict = "OK" if ratio >= min_ratio else "FAIL"
print("== engine vs naive baseline (%s): ratio_vs_naive = %.2f (engine %.0f events/s, naive %.0f "
      "events/s); minimum %.2f: %s" % (b["name"], ratio, b.get("engine_eps", 0),
                                       b.get("naive_eps", 0), min_ratio, verdict))
sys.exit(0 if ratio >= min_ratio else 1)
EOF
