#!/usr/bin/env bash
# run_test.sh LIBLEADSCORE CONFORMANCE_DIR: the ctest node_binding. Builds the
# addon (build.sh: npm ci from package-lock.json when needed, node-gyp with
# the installed headers) and runs `node --test`. Skips (77) when node, npm or
# Node's headers are missing, except with CI=true (fails).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
skip() {
  echo "node_binding: $1"
  if [[ ${CI:-} == true ]]; then echo "CI=true: failing"; exit 1; fi
  exit 77
}
command -v node >/dev/null 2>&1 || skip "node not found"
command -v npm >/dev/null 2>&1 || skip "npm not found"
[[ -f ${NODE_DIR:-/usr}/include/node/node_api.h ]] || skip "Node's headers not in ${NODE_DIR:-/usr}/include/node"
"$here/build.sh" "$1" || exit 1
cd "$here" && LEADSCORE_CONFORMANCE_DIR=$2 exec node --test test/*.test.js
