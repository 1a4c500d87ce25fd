#!/usr/bin/env bash
# Load figures of the Redis Streams worker (docs/scale-out.md, "Measured"): not a test.
#
#   bench/worker_bench.sh [BUILD_DIR] [--events N] [--leads N] [--partitions P] [--workers "1 2 4"]
#
# Starts a throwaway redis-server (scripts/redis_server.sh, no persistence), generates a stream
# (tests/live/gen_stream.py: 5,000 leads and 200,000 events by default), and for each worker
# count publishes the stream under a fresh key prefix, starts that many `leadscore worker`
# processes on the backlog and times them until every entry is acknowledged. Then it reads the
# memory Redis holds per lead: MEMORY USAGE of state and lead-record keys (averaged over all
# leads) and used_memory before and after one run, per lead. Prints one line per figure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build
events=200000
leads=5000
partitions=8
counts="1 2 4"
while (($#)); do
  case $1 in
    --events) events=$2; shift 2 ;;
    --leads) leads=$2; shift 2 ;;
    --partitions) partitions=$2; shift 2 ;;
    --workers) counts=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) build=$1; shift ;;
  esac
done
ls=$build/leadscore
[[ -x $ls ]] || { echo "worker_bench: no $ls (build first)" >&2; exit 1; }
model=$root/examples/models/b2b-saas.json
work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-worker-bench.XXXXXX")
state=$work/redis.state
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  bash "$root/scripts/redis_server.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
url=$(bash "$root/scripts/redis_server.sh" start "$state")
port=${url##*:}
rpid=$(cat "$(sed -n 's/^dir=//p' "$state")/$port/redis.pid")
hz=$(getconf CLK_TCK)
python3 "$root/tests/live/gen_stream.py" --out "$work/data" --leads "$leads" --events "$events" >/dev/null
echo "worker_bench: $(nproc) CPUs, $leads leads, $events events, $partitions partitions, redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/')"

used_memory() { redis-cli -p "$port" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }

total=$((leads + events))
for n in $counts; do
  prefix="bench$n:"
  mem_before=$(used_memory)
  t0=$(date +%s.%N)
  "$ls" publish --redis "$url" --partitions "$partitions" --prefix "$prefix" \
    --leads "$work/data/leads.jsonl" --events "$work/data/events.jsonl" 2>/dev/null
  t1=$(date +%s.%N)
  pids=()
  for i in $(seq 1 "$n"); do
    "$ls" worker --model "$model" --redis "$url" --partitions "$partitions" --prefix "$prefix" \
      --id "b$n-$i" --metrics-seconds 0 --lease-ms 5000 2>"$work/w$n-$i.log" &
    pids+=($!)
  done
  start=$(date +%s.%N)
  rcpu0=$(awk '{print $14 + $15}' "/proc/$rpid/stat")
  deadline=$(( $(date +%s) + 900 ))
  while :; do
    left=$("$ls" redis-state --redis "$url" --partitions "$partitions" --prefix "$prefix" --progress |
      python3 -c 'import json,sys; print(sum((r["lag"] or 0) + r["pending"] for r in map(json.loads, sys.stdin)))')
    [[ $left == 0 ]] && break
    (( $(date +%s) < deadline )) || { echo "worker_bench: $n workers did not finish in time" >&2; exit 1; }
    sleep 0.2
  done
  end=$(date +%s.%N)
  # CPU seconds of the workers and of redis-server over the run (/proc/PID/stat utime+stime).
  wcpu=0
  for p in "${pids[@]}"; do
    wcpu=$((wcpu + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  rcpu=$(( $(awk '{print $14 + $15}' "/proc/$rpid/stat") - rcpu0 ))
  for p in "${pids[@]}"; do kill -TERM "$p"; done
  for p in "${pids[@]}"; do wait "$p" || true; done
  pids=()
  python3 - "$n" "$total" "$events" "$start" "$end" "$t0" "$t1" "$wcpu" "$rcpu" "$hz" <<'PY'
import sys
n, total, events = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
start, end, t0, t1 = map(float, sys.argv[4:8])
wcpu, rcpu, hz = int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
w, r = wcpu / hz, rcpu / hz
print("workers %d: %d entries in %.2f s: %.0f events/s (publish: %.0f entries/s); CPU: workers "
      "%.1f s (%.0f events per worker CPU-second), redis-server %.1f s (%.0f events per Redis "
      "CPU-second)" % (n, total, end - start, events / (end - start), total / (t1 - t0), w,
                       events / max(w, 1e-9), r, events / max(r, 1e-9)))
PY
  if [[ $n == "${counts%% *}" ]]; then
    mem_after=$(used_memory)
    python3 - "$port" "$prefix" "$partitions" "$leads" "$mem_before" "$mem_after" <<'PY'
import subprocess, sys
port, prefix, parts, leads, before, after = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
def cli(*a):
    return subprocess.run(["redis-cli", "-p", port] + list(a), capture_output=True, text=True, check=True).stdout
keys = {"state": [], "lead": [], "transitions": []}
for p in range(parts):
    for kind in ("state", "lead"):
        cursor = "0"
        while True:
            out = cli("--raw", "SCAN", cursor, "MATCH", "%s{p%d}:%s:*" % (prefix, p, kind), "COUNT", "1000").split("\n")
            cursor = out[0]
            keys[kind] += [k for k in out[1:] if k]
            if cursor == "0":
                break
sizes = {}
for kind in ("state", "lead"):
    pipe = "\n".join("MEMORY USAGE %s SAMPLES 0" % k for k in keys[kind]) + "\n"
    out = subprocess.run(["redis-cli", "-p", port], input=pipe, capture_output=True, text=True, check=True).stdout.split()
    vals = sorted(int(x) for x in out if x.isdigit())
    sizes[kind] = (sum(vals) / max(1, len(vals)), len(vals))
    if vals:
        print("memory: %s keys: p50 %d, p90 %d, p99 %d, max %d bytes" % (kind, vals[len(vals) // 2],
              vals[int(len(vals) * 0.9)], vals[int(len(vals) * 0.99)], vals[-1]))
strlen = []
for k in keys["state"][:2000]:
    strlen.append(int(cli("STRLEN", k)))
tr = sum(int(cli("MEMORY", "USAGE", "%s{p%d}:transitions" % (prefix, p), "SAMPLES", "0") or 0) for p in range(parts))
print("memory: state key %.0f bytes (value %.0f bytes) x %d; lead-record key %.0f bytes x %d; "
      "per lead %.0f bytes (states and records)" % (sizes["state"][0], sum(strlen) / max(1, len(strlen)),
      sizes["state"][1], sizes["lead"][0], sizes["lead"][1], sizes["state"][0] + sizes["lead"][0]))
print("memory: used_memory grew %.1f MB from before publishing to the end (%.0f bytes per lead; "
      "of it the transitions streams %.1f MB; the input streams are trimmed)" % ((after - before) / 1e6, (after - before) / leads, tr / 1e6))
PY
  fi
done
