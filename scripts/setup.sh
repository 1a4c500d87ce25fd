#!/usr/bin/env bash
# README command 1: install dependencies, build (Release, build/), then score the
# example leads with the example model and show the first scorecards.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"

bin=build/leadscore
model=examples/models/b2b-saas.json
candidate=examples/models/b2b-saas-v2.json  # a proposed version 2, for leadscore diff
abm=examples/models/b2b-abm.json  # accounts and hysteresis (model format v1.1)
accounts=examples/data/accounts.jsonl
leads=examples/data/leads.jsonl
events=examples/data/events.jsonl
as_of=examples/data/as_of.txt
out=build/scorecards.jsonl

missing=()
for f in "$bin" "$model" "$candidate" "$abm" "$accounts" "$leads" "$events" "$as_of"; do
  [[ -e $f ]] || missing+=("$f")
done
if ((${#missing[@]})); then
  echo "setup: cannot run the example job, missing: ${missing[*]}" >&2
  exit 1
fi

echo
echo "+ $bin score --model $model --leads $leads --events $events --as-of \"$(cat "$as_of")\" --out $out"
"$bin" score --model "$model" --leads "$leads" --events "$events" \
  --as-of "$(cat "$as_of")" --out "$out"

total=$(wc -l <"$out")
shown=$((total < 3 ? total : 3))
echo
echo "First $shown of $total scorecards:"
head -n 3 "$out" | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        print(json.dumps(json.loads(line), indent=2))
    except ValueError:
        print(line, end="")
'
echo
echo "All $total scorecards (one JSON object per line): $root/$out"

lead=$(head -n 1 "$out" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["lead_id"])')
echo
echo "Why is $lead where it is?"
echo "+ $bin explain --model $model --leads $leads --events $events --as-of \"$(cat "$as_of")\" --lead $lead"
"$bin" explain --model "$model" --leads "$leads" --events "$events" --as-of "$(cat "$as_of")" --lead "$lead"

# A model change, before it goes live: what the bundled candidate (version 2)
# would change on the same data (docs/model-changes.md). Only the summary,
# the stage matrix and the deltas (--top 0).
echo
echo "What would the candidate model $candidate change?"
echo "+ $bin diff --old $model --new $candidate --leads $leads --events $events --as-of \"$(cat "$as_of")\" --top 0"
if ! "$bin" diff --old "$model" --new "$candidate" --leads "$leads" --events "$events" \
  --as-of "$(cat "$as_of")" --top 0 2>build/diff.err; then
  cat build/diff.err >&2
  exit 1
fi

# Accounts (model format v1.1): the account-based model scores the companies
# from their leads (engagement of the top leads, reach, buying-committee
# coverage, account fit) and classifies them target -> engaged -> MQA; its lead
# lifecycle has enter and exit thresholds and recycles stale MQLs to nurture
# (docs/model-format.md, "Accounts" and "Hysteresis and recycling").
account_out=build/account-scorecards.jsonl
echo
echo "Account scoring with $abm"
echo "+ $bin score --model $abm --leads $leads --events $events --accounts $accounts --as-of \"$(cat "$as_of")\" --out build/abm-scorecards.jsonl --account-out $account_out"
"$bin" score --model "$abm" --leads "$leads" --events "$events" --accounts "$accounts" \
  --as-of "$(cat "$as_of")" --out build/abm-scorecards.jsonl --account-out "$account_out" 2>build/abm.err \
  || { cat build/abm.err >&2; exit 1; }
grep -E '^(stages|accounts):' build/abm.err
echo
echo "The account with the highest total (of $(wc -l <"$account_out")), with why:"
"$bin" score --model "$abm" --leads "$leads" --events "$events" --accounts "$accounts" \
  --as-of "$(cat "$as_of")" --out /dev/null --account-out build/account-explain.jsonl --explain 2>/dev/null
python3 - "$account_out" build/account-explain.jsonl <<'PY'
import json, sys
cards = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
stages = {}
for c in cards:
    stages[c["stage"]] = stages.get(c["stage"], 0) + 1
print("account stages:", ", ".join(f"{k} {v}" for k, v in stages.items()))
explained = {}
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    explained[c["account_id"]] = c
top = explained[max(cards, key=lambda c: c["total"])["account_id"]]
why = top.pop("explain")
print(json.dumps(top, ensure_ascii=False))
for e in why:  # one line per entry, the contributing leads shortened
    if "rule" in e:
        print(f"  {e['dimension']}: rule {e['rule']} {e['points']:+g}")
        continue
    if "from" in e:
        source = f"{e['aggregate']} of lead {e['from']}"
        leads = ", ".join(f"{x['lead_id']} {x['value']:.4g}" for x in e["leads"][:3])
    else:  # coverage: the values found and the first lead giving each
        source = f"coverage of {e['coverage']} {', '.join(e['values'])}"
        leads = ", ".join(e["leads"][:3])
    more = f" and {len(e['leads']) - 3} more" if len(e["leads"]) > 3 else ""
    print(f"  {e['dimension']}: {source} = {e['points']:.4g} (leads {leads}{more})")
PY

# Live scoring: the same events applied one batch at a time to a store that
# survives restarts (docs/live-scoring.md); the states it keeps give the
# scorecards batch scoring gives.
store=build/live-example.db
rm -f "$store" "$store-wal" "$store-shm" build/transitions.jsonl  # apply appends to it
echo
echo "Live scoring: the same events through a store (SQLite), one transaction per 1000 events"
echo "+ $bin apply --model $model --store sqlite:$store --leads $leads --events $events --keep-history --transitions build/transitions.jsonl"
"$bin" apply --model "$model" --store "sqlite:$store" --leads "$leads" --events "$events" \
  --keep-history --transitions build/transitions.jsonl 2>&1 | grep -v '^leadscore apply: offset'
after=2027-01-01T00:00:00Z
"$bin" state --store "sqlite:$store" --scorecards --model "$model" --as-of "$after" >build/live-scorecards.jsonl
"$bin" score --model "$model" --leads "$leads" --events "$events" --as-of "$after" \
  --out build/batch-scorecards.jsonl 2>/dev/null
if cmp -s build/live-scorecards.jsonl build/batch-scorecards.jsonl; then
  echo "The store's $(wc -l <build/live-scorecards.jsonl) scorecards as of $after equal batch scoring's, byte for byte."
else
  echo "setup: the store's scorecards differ from batch scoring's" >&2
  exit 1
fi
echo "First stage transition (of $(wc -l <build/transitions.jsonl)): $(head -n 1 build/transitions.jsonl)"
