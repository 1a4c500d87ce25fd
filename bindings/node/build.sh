#!/usr/bin/env bash
# build.sh [LIBLEADSCORE]: installs the pinned npm packages (package-lock.json)
# and builds the N-API addon build/Release/leadscore.node against the C header
# and the shared library libleadscore.so.
#
#   LIBLEADSCORE   path of libleadscore.so (default: $LEADSCORE_LIBRARY, else
#                  ../../build/libleadscore.so); the addon links it and finds
#                  it there at run time (rpath)
#   LEADSCORE_INCLUDE  folder holding leadscore/leadscore_c.h (default ../../include)
#   NODE_DIR       where Node's headers are, as node-gyp --nodedir wants it
#                  (default /usr: /usr/include/node); node-gyp downloads nothing
#
# What may touch the network: `npm ci`, and only when node_modules does not
# match package-lock.json (the npm registry, packages pinned with integrity
# hashes; no install scripts run). Fast when nothing changed: a stamp records
# the inputs of the last build and the build is skipped when they are equal.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

lib=${1:-${LEADSCORE_LIBRARY:-$here/../../build/libleadscore.so}}
[[ -f $lib ]] || { echo "build.sh: no shared library at $lib (build the CMake target leadscore_c)" >&2; exit 2; }
lib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
libdir=$(dirname "$lib")
include=${LEADSCORE_INCLUDE:-$here/../../include}
include=$(cd "$include" && pwd)
[[ -f $include/leadscore/leadscore_c.h ]] || { echo "build.sh: no leadscore/leadscore_c.h in $include" >&2; exit 2; }
nodedir=${NODE_DIR:-/usr}
[[ -f $nodedir/include/node/node_api.h ]] || {
  echo "build.sh: Node's headers are not in $nodedir/include/node (set NODE_DIR)" >&2; exit 2; }

# 1. npm packages, exactly as locked.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.leadscore-lock || $(cat node_modules/.leadscore-lock) != "$lock_sum" ]]; then
  echo "build.sh: npm ci (package-lock.json)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.leadscore-lock
fi

# 2. The addon, unless its inputs are those of the last build.
inputs=$( { echo "$libdir $include $nodedir $(node -v)"; sha256sum binding.gyp src/*.cc \
  "$include/leadscore/leadscore_c.h" "$lib"; } | sha256sum | cut -d' ' -f1)
if [[ -f build/Release/leadscore.node && -f build/.leadscore-inputs &&
      $(cat build/.leadscore-inputs) == "$inputs" ]]; then
  echo "build.sh: addon up to date (build/Release/leadscore.node)"
  exit 0
fi
echo "build.sh: node-gyp rebuild (headers from $nodedir/include/node, library in $libdir)"
node node_modules/node-gyp/bin/node-gyp.js rebuild --nodedir="$nodedir" --loglevel=warn \
  -- -Dleadscore_include="$include" -Dleadscore_library="$lib" -Dleadscore_libdir="$libdir"
echo "$inputs" > build/.leadscore-inputs
echo "build.sh: built build/Release/leadscore.node"
