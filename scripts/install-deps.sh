#!/usr/bin/env bash
# Installs the Debian 12 packages leadscore needs to build, test, benchmark and fuzz.
# (The Node binding needs Node 20 with its headers in /usr/include/node, e.g.
# nodesource's nodejs package, and npm; docs/bindings.md.)
# Does nothing (no apt at all) when every package is already installed.
set -euo pipefail

packages=(
  g++ make cmake pkg-config python3
  libabsl-dev nlohmann-json3-dev libre2-dev libsimdjson-dev
  libcli11-dev               # the CLI's argument parser (header-only)
  catch2 libbenchmark-dev
  python3-pytest             # the Python binding's tests (bindings/python)
  clang libclang-rt-14-dev   # fuzzing job (libFuzzer + sanitizer runtimes)
  php-cli                    # PHP binding test (php8.2-cli with its FFI extension)
  libsqlite3-dev libpq-dev   # the store layer: SQLite (default) and PostgreSQL client
  postgresql-15              # PostgreSQL server for the store tests (scripts/pg_cluster.sh)
  libhiredis-dev             # the Redis Streams worker (optional component, issue 15)
  redis-server               # Redis server for the worker tests (scripts/redis_server.sh)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: not root and sudo not available; install manually: ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
