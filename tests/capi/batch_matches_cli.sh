#!/usr/bin/env bash
# batch_matches_cli.sh CLI SCORE_FILES SOURCE_DIR CONFORMANCE_DIR: scores the
# conformance samples and the bundled sample data with `leadscore score
# --explain` and with leadscore_batch_score_jsonl (capi_score_files); the
# outputs must be the same bytes, and the samples' must match expected.jsonl.
set -uo pipefail
cli=${1:?}; capi=${2:?}; src=${3:?}; conf=${4:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad=0; n=0
run() {  # name model leads events as_of [expected]
  local name=$1
  "$cli" score --model "$2" --leads "$3" --events "$4" --as-of "$5" --explain \
    >"$tmp/$name.cli" 2>/dev/null || { echo "FAIL $name: the CLI failed"; bad=1; return; }
  "$capi" "$2" "$3" "$4" "$5" --explain >"$tmp/$name.capi" ||
    { echo "FAIL $name: capi_score_files failed"; bad=1; return; }
  if ! cmp -s "$tmp/$name.cli" "$tmp/$name.capi"; then
    echo "FAIL $name: C ABI bytes differ from the CLI's"; cmp "$tmp/$name.cli" "$tmp/$name.capi"; bad=1; return
  fi
  if [[ -n ${6:-} ]] && ! python3 "$conf/compare_scorecards.py" "$6" "$tmp/$name.capi" >/dev/null; then
    echo "FAIL $name: differs from expected.jsonl"; bad=1; return
  fi
  n=$((n + 1)); echo "PASS $name ($(wc -l <"$tmp/$name.capi") scorecards)"
}
for d in "$conf"/gen-*/; do
  [[ -f $d/expected.jsonl ]] || continue
  run "$(basename "$d")" "$d/model.json" "$d/leads.jsonl" "$d/events.jsonl" "$(cat "$d/as_of.txt")" "$d/expected.jsonl"
done
run examples "$src/examples/models/b2b-saas.json" "$src/examples/data/leads.jsonl" \
  "$src/examples/data/events.jsonl" "$(cat "$src/examples/data/as_of.txt")"
if [[ $n == 0 && $bad == 0 ]]; then echo "nothing compared"; exit 1; fi
exit $bad
