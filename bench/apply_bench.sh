#!/usr/bin/env bash
# Throughput of `leadscore apply` (the live loop) on each store, batch size by batch size.
#
#   bench/apply_bench.sh [--leadscore BIN] [--events N] [--leads N] [--no-postgres]
#                        [--batches "100 1000 10000"] [--repeat R]
#
# Generates a deterministic stream (tests/live/gen_stream.py: N events, default 200,000, over
# 5,000 leads, in time order), then for each store (SQLite in a temp file; PostgreSQL in a
# throwaway cluster from scripts/pg_cluster.sh, stopped after), each batch size and with and
# without --keep-history runs `leadscore apply` on a fresh store R times (default 1) and
# reports the events/s of apply's summary line (`time: ... (N events/s)`; the whole command:
# model load, lead records, reading, scoring and commits). Prints a Markdown table and the
# machine's load (uptime) before and after. A bench, not a test: figures drift with the load
# of a shared machine (docs/performance.md, "Live apply").
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

bin=$root/build/leadscore
events=200000
leads=5000
postgres=1
batches="100 1000 10000"
repeat=1
while (($#)); do
  case $1 in
    --leadscore) bin=$2; shift ;;
    --events) events=$2; shift ;;
    --leads) leads=$2; shift ;;
    --no-postgres) postgres=0 ;;
    --batches) batches=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "apply_bench: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -x $bin ]] || { echo "apply_bench: no leadscore at $bin (build it first)" >&2; exit 2; }
python=/usr/bin/python3
[[ -x $python ]] || python=python3

work=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-apply-bench.XXXXXX")
pg_state=$work/pg.state
cleanup() {
  if [[ -f $pg_state ]]; then bash "$root/scripts/pg_cluster.sh" stop "$pg_state" >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$python" "$root/tests/live/gen_stream.py" --out "$work/data" --events "$events" --leads "$leads"
model=$root/examples/models/b2b-saas.json
stores=(sqlite)
pg_url=
if ((postgres)); then
  pg_url=$(bash "$root/scripts/pg_cluster.sh" start "$pg_state")
  stores+=(postgres)
fi

echo "load before: $(uptime)"
echo "leadscore apply, $events events over $leads leads (b2b-saas), events/s by apply's summary line"
echo
echo "| store | batch | history | events/s | seconds |"
echo "|---|---:|---|---:|---:|"
n=0
for store in "${stores[@]}"; do
  for batch in $batches; do
    for history in no yes; do
      for ((r = 1; r <= repeat; r++)); do
        n=$((n + 1))
        if [[ $store == sqlite ]]; then
          url=sqlite:$work/bench$n.db
        else
          db=bench$n
          psql -X -q -v ON_ERROR_STOP=1 "$pg_url" -c "CREATE DATABASE $db" >/dev/null
          url=${pg_url%/*}/$db
        fi
        flags=()
        [[ $history == yes ]] && flags+=(--keep-history)
        summary=$("$bin" apply --model "$model" --store "$url" --leads "$work/data/leads.jsonl" \
          --events "$work/data/events.jsonl" --batch "$batch" "${flags[@]}" \
          --transitions /dev/null 2>&1 >/dev/null | grep '^time:')
        # time: 1.234 s (162000 events/s)
        secs=$(sed -E 's/^time: ([0-9.]+) s.*/\1/' <<<"$summary")
        rate=$(sed -E 's/.*\(([0-9]+) events\/s\).*/\1/' <<<"$summary")
        echo "| $store | $batch | $history | $rate | $secs |"
        if [[ $store == sqlite ]]; then
          rm -f "$work/bench$n.db" "$work/bench$n.db-wal" "$work/bench$n.db-shm"
        else
          psql -X -q "$pg_url" -c "DROP DATABASE $db" >/dev/null
        fi
      done
    done
  done
done
echo
echo "load after: $(uptime)"
