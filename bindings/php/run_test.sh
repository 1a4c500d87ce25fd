#!/usr/bin/env bash
# run_test.sh LIBLEADSCORE CONFORMANCE_DIR: the ctest php_binding. Skips (77)
# when php or its FFI extension is missing, except with CI=true (fails).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
skip() {
  echo "php_binding: $1"
  if [[ ${CI:-} == true ]]; then echo "CI=true: failing"; exit 1; fi
  exit 77
}
command -v php >/dev/null 2>&1 || skip "php not found (scripts/install-deps.sh installs php-cli)"
php -r 'exit(class_exists("FFI") ? 0 : 1);' || skip "PHP's FFI extension is not enabled for the CLI"
LEADSCORE_LIBRARY=$1 exec php "$here/tests/run.php" "$2"
