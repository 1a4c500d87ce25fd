#!/usr/bin/env bash
# installed_check.sh BUILD_DIR PYTHON SOURCE_DIR: installs the build into a
# scratch prefix (cmake --install) and scores a lead with the installed
# Python package alone: no LEADSCORE_LIBRARY, no LD_LIBRARY_PATH, not the
# checkout's package. The package must load the libleadscore.so.0 installed
# beside it.
set -euo pipefail
build=${1:?}; python=${2:?}; src=${3:?}
prefix=$(mktemp -d); trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
pkg=$(find "$prefix" -type d -name leadscore -path '*dist-packages*' | head -n 1)
[[ -n $pkg ]] || { echo "FAIL: no leadscore package under $prefix"; exit 1; }
cd "$prefix"  # not the checkout: only the installed package can be imported
env -u LEADSCORE_LIBRARY -u LD_LIBRARY_PATH PYTHONPATH="$(dirname "$pkg")" \
  PYTHONDONTWRITEBYTECODE=1 "$python" - "$pkg" "$src" <<'PY'
import os, sys
import leadscore
pkg, src = sys.argv[1], sys.argv[2]
assert os.path.dirname(leadscore.__file__) == pkg, leadscore.__file__
assert leadscore.library_path == os.path.join(pkg, "libleadscore.so.0"), leadscore.library_path
assert os.path.exists(os.path.join(pkg, "py.typed"))
model = leadscore.Model.from_file(os.path.join(src, "examples/models/b2b-saas.json"))
state = leadscore.Scorer(model).start({"id": "L-1", "consent": True,
                                       "attributes": {"job_title": "VP Sales"}})
r = state.apply({"id": "E-1", "lead_id": "L-1", "type": "demo_request",
                 "at": "2026-10-06T11:00:00Z"})
card = state.score("2026-10-07T00:00:00Z")
assert r.transitions and card["stage"] == "sql", (r, card)
print(f"PASS: installed package at {pkg} scored L-1: stage {card['stage']}, "
      f"total {card['total']:.2f}")
PY
