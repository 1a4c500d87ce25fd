#!/usr/bin/env bash
# A throwaway local PostgreSQL cluster for the store's tests (docs/live-scoring.md, "Stores").
#
#   scripts/pg_cluster.sh start [STATE_FILE]   initdb into a fresh mktemp -d folder, start the
#                                              server on 127.0.0.1 and a free port, print its URL
#   scripts/pg_cluster.sh url   [STATE_FILE]   print the URL of the running cluster
#   scripts/pg_cluster.sh stop  [STATE_FILE]   stop the server and delete its folder
#
# STATE_FILE (default: $PG_CLUSTER_STATE, else ./.pg_cluster) holds lines `dir=...`, `port=...`
# and `url=...`; the ctest fixture passes build/pg_cluster.state and the tests read its `url=`.
#
# The server listens only on 127.0.0.1 (and a unix socket inside its folder), trusts the local
# superuser `leadscore` without a password, and runs with fsync=off: for tests only, never for
# data you want to keep. initdb refuses to run as root, so as root the cluster belongs to the
# unprivileged user $PG_CLUSTER_USER (default nobody) and is run with runuser.
set -euo pipefail

cmd=${1:-}
state=${2:-${PG_CLUSTER_STATE:-./.pg_cluster}}

die() { echo "pg_cluster: $*" >&2; exit 1; }

state_value() {  # state_value KEY: the value of KEY= in the state file
  [[ -f $state ]] || die "no cluster state at $state (run: $0 start $state)"
  sed -n "s/^$1=//p" "$state" | head -n 1
}

find_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

as_owner=()   # prefix running a command as the cluster's owner
setup_owner() {
  if ((EUID == 0)); then
    local user=${PG_CLUSTER_USER:-nobody}
    id -u "$user" >/dev/null 2>&1 || die "running as root and user '$user' does not exist (set PG_CLUSTER_USER)"
    command -v runuser >/dev/null 2>&1 || die "running as root needs runuser (util-linux)"
    as_owner=(runuser -u "$user" --)
    owner=$user
  else
    owner=$(id -un)
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bindir
  bindir=$(find_bindir) || die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in /usr/lib/postgresql/*/bin; run scripts/install-deps.sh (package postgresql-15)"
  if [[ -f $state ]]; then
    local old
    old=$(state_value dir)
    if [[ -n $old && -d $old ]]; then
      die "a cluster from $state is still there ($old); run: $0 stop $state"
    fi
    rm -f "$state"
  fi
  setup_owner
  local dir port url
  dir=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-pg.XXXXXX")
  chmod 700 "$dir"
  [[ $owner == "$(id -un)" ]] || chown "$owner" "$dir"
  if ! "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U leadscore --auth=trust \
       --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed (log above)"
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF
# leadscore test cluster (scripts/pg_cluster.sh): throwaway, not durable.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 32MB
EOF
  # A free port can be taken between the probe and the server's bind: retry a few times.
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-p $port" start >/dev/null 2>&1; then
      url="postgresql://leadscore@127.0.0.1:$port/postgres"
      printf 'dir=%s\nport=%s\nbindir=%s\nurl=%s\n' "$dir" "$port" "$bindir" "$url" >"$state"
      echo "$url"
      return 0
    fi
  done
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  die "the server did not start (log above)"
}

stop() {
  if [[ ! -f $state ]]; then
    echo "pg_cluster: no cluster state at $state, nothing to stop"
    return 0
  fi
  local dir bindir
  dir=$(state_value dir)
  bindir=$(state_value bindir)
  setup_owner
  if [[ -n $dir && -d $dir/data ]]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  # Only ever delete a folder this script made.
  if [[ -n $dir && $dir == */leadscore-pg.* && -d $dir ]]; then
    rm -rf "$dir"
  fi
  rm -f "$state"
  echo "pg_cluster: stopped"
}

case $cmd in
  start) start ;;
  stop) stop ;;
  url) state_value url ;;
  *) die "usage: $0 start|url|stop [STATE_FILE]" ;;
esac
