#!/usr/bin/env bash
# Fails when a Catch2 test name of any given test binary contains ';', '[', ']'
# or '\': catch_discover_tests turns names into CMake list items, so such a
# test is registered under a broken name and ctest never runs it (it
# "passes" by matching nothing). Usage: check_test_names.sh BINARY...
set -euo pipefail
bad=0
for bin in "$@"; do
  while IFS= read -r name; do
    case $name in
      *\;* | *\[* | *\]* | *\\*)
        echo "$(basename "$bin"): test name ctest cannot run: $name" >&2
        bad=1 ;;
    esac
  done < <("$bin" --list-test-names-only)
done
if ((bad)); then
  echo "rename these TEST_CASEs (use ',' instead of ';')" >&2
  exit 1
fi
echo "check_test_names: $# binaries, every test name is safe for ctest"
