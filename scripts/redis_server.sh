#!/usr/bin/env bash
# Throwaway local Redis servers for the worker's tests (docs/scale-out.md, "Tests").
#
#   scripts/redis_server.sh start   STATE_FILE [--persist]  one redis-server on 127.0.0.1 and a
#                                                          free port, in a fresh mktemp -d folder;
#                                                          prints its URL
#   scripts/redis_server.sh cluster STATE_FILE             a Redis Cluster of 3 masters (no
#                                                          replicas); prints its redis+cluster URL
#   scripts/redis_server.sh down    STATE_FILE             kill the server(s) (SIGKILL: a crash)
#   scripts/redis_server.sh up      STATE_FILE             start them again, same ports and data
#   scripts/redis_server.sh url     STATE_FILE             print the URL
#   scripts/redis_server.sh stop    STATE_FILE             stop the server(s), delete the folder
#
# STATE_FILE holds lines `dir=...`, `ports=...`, `url=...`; the ctest fixtures pass
# build/redis_server.state (and build/redis_cluster.state) and the tests read `url=`.
#
# Listens on 127.0.0.1 only, no password. Without --persist nothing is written to disk (no RDB,
# no AOF): for tests only. --persist turns on the append-only file with appendfsync always, so
# `down` then `up` loses nothing that was acknowledged. A cluster always persists (its nodes
# must keep their slot map across `down` / `up`). Works as root (redis-server does not mind).
set -euo pipefail

cmd=${1:-}
state=${2:-${REDIS_SERVER_STATE:-./.redis_server}}
opt=${3:-}

die() { echo "redis_server: $*" >&2; exit 1; }

state_value() {
  [[ -f $state ]] || die "no server state at $state (run: $0 start $state)"
  sed -n "s/^$1=//p" "$state" | head -n 1
}

free_port() {  # a free port p with p + 10000 free too (the cluster bus)
  python3 - <<'PY'
import socket
for _ in range(200):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
    if p < 55000:
        try:
            b = socket.socket(); b.bind(("127.0.0.1", p + 10000)); b.close()
            s.close(); print(p); break
        except OSError:
            pass
    s.close()
PY
}

write_conf() {  # write_conf DIR PORT PERSIST CLUSTER
  local d=$1 port=$2 persist=$3 cluster=$4
  mkdir -p "$d"
  {
    echo "# leadscore test server (scripts/redis_server.sh): throwaway."
    echo "bind 127.0.0.1"
    echo "port $port"
    echo "dir $d"
    echo "daemonize yes"
    echo "pidfile $d/redis.pid"
    echo "logfile $d/redis.log"
    echo "save \"\""
    if ((persist)); then
      echo "appendonly yes"
      echo "appendfsync always"
    else
      echo "appendonly no"
    fi
    if ((cluster)); then
      echo "cluster-enabled yes"
      echo "cluster-config-file $d/nodes.conf"
      echo "cluster-node-timeout 5000"
    fi
  } >"$d/redis.conf"
}

wait_ping() {  # wait_ping PORT
  local i
  for i in $(seq 1 100); do
    if [[ $(redis-cli -p "$1" ping 2>/dev/null) == PONG ]]; then return 0; fi
    sleep 0.1
  done
  return 1
}

start_servers() {  # start_servers DIR PORTS...
  local dir=$1 port
  shift
  for port in "$@"; do
    redis-server "$dir/$port/redis.conf" >/dev/null || die "redis-server on port $port did not start"
  done
  for port in "$@"; do
    wait_ping "$port" || { cat "$dir/$port/redis.log" >&2 || true; die "redis-server on port $port does not answer"; }
  done
}

start() {
  local cluster=$1 persist=$2
  command -v redis-server >/dev/null || die "redis-server not found; run scripts/install-deps.sh (package redis-server)"
  if [[ -f $state ]]; then
    local old
    old=$(state_value dir)
    [[ -n $old && -d $old ]] && die "servers from $state are still there ($old); run: $0 stop $state"
    rm -f "$state"
  fi
  local dir n ports=() port i url
  dir=$(mktemp -d "${TMPDIR:-/tmp}/leadscore-redis.XXXXXX")
  n=1
  ((cluster)) && n=3
  for i in $(seq 1 "$n"); do
    port=$(free_port)
    [[ -n $port ]] || die "no free port"
    ports+=("$port")
    write_conf "$dir/$port" "$port" "$persist" "$cluster"
  done
  if ! start_servers "$dir" "${ports[@]}"; then rm -rf "$dir"; exit 1; fi
  if ((cluster)); then
    local nodes=()
    for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
    if ! redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$dir/create.log" 2>&1; then
      cat "$dir/create.log" >&2
      die "redis-cli --cluster create failed (log above)"
    fi
    for i in $(seq 1 150); do
      local ok=1
      for port in "${ports[@]}"; do
        redis-cli -p "$port" cluster info 2>/dev/null | grep -q '^cluster_state:ok' || ok=0
      done
      ((ok)) && break
      sleep 0.2
    done
    ((ok)) || die "the cluster did not reach cluster_state:ok"
    url="redis+cluster://$(IFS=,; echo "${nodes[*]}")"
  else
    url="redis://127.0.0.1:${ports[0]}"
  fi
  printf 'dir=%s\nports=%s\nurl=%s\n' "$dir" "${ports[*]}" "$url" >"$state"
  echo "$url"
}

kill_servers() {  # kill_servers SIGNAL
  local dir port pid
  dir=$(state_value dir)
  for port in $(state_value ports); do
    if [[ -f $dir/$port/redis.pid ]]; then
      pid=$(cat "$dir/$port/redis.pid")
      # Only a redis-server this script started (its pid file, its command line).
      if [[ -n $pid ]] && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null; then
        kill "-$1" "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      fi
      rm -f "$dir/$port/redis.pid"
    fi
  done
}

case $cmd in
  start)
    persist=0
    [[ $opt == --persist ]] && persist=1
    start 0 "$persist" ;;
  cluster) start 1 1 ;;
  down) kill_servers KILL; echo "redis_server: down" ;;
  up)
    dir=$(state_value dir)
    # shellcheck disable=SC2046
    start_servers "$dir" $(state_value ports)
    echo "redis_server: up" ;;
  url) state_value url ;;
  stop)
    if [[ ! -f $state ]]; then echo "redis_server: no server state at $state, nothing to stop"; exit 0; fi
    kill_servers TERM
    dir=$(state_value dir)
    if [[ -n $dir && $dir == */leadscore-redis.* && -d $dir ]]; then rm -rf "$dir"; fi
    rm -f "$state"
    echo "redis_server: stopped" ;;
  *) die "usage: $0 start|cluster|down|up|url|stop STATE_FILE [--persist]" ;;
esac
