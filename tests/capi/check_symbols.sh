#!/usr/bin/env bash
# check_symbols.sh LIBRARY: fails if the shared library exports (nm -D
# --defined-only) any symbol other than the C ABI's leadscore_* functions and
# the version script's node (LEADSCORE_0).
set -euo pipefail
lib=${1:?usage: check_symbols.sh LIBRARY}
syms=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sed 's/@.*//')
[[ -n "$syms" ]] || { echo "no exported symbols in $lib"; exit 1; }
bad=$(grep -Ev '^(leadscore_[a-z0-9_]+|LEADSCORE_0)$' <<<"$syms" || true)
if [[ -n "$bad" ]]; then
  echo "unexpected exported symbols in $lib:"; echo "$bad" | head -n 40; exit 1
fi
n=$(grep -c '^leadscore_' <<<"$syms")
hdr=$(dirname "${BASH_SOURCE[0]}")/../../include/leadscore/leadscore_c.h
want=$(grep -Eo 'leadscore_[a-z0-9_]+\(' "$hdr" | grep -v '_init($' | sort -u | wc -l)
echo "$n leadscore_ symbols exported, $want functions declared"
[[ $n == "$want" ]] || { echo "exported and declared functions differ"; exit 1; }
