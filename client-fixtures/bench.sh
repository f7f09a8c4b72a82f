#!/usr/bin/env bash
# Load figures, side by side in one run on this machine: the bare yardstick (answers OK, nothing else), then
# the service with the inbox off, on embedded H2, and on PostgreSQL, each alone while it is measured. Each
# service is first warmed up for WARMUP at the rate (the JIT is still compiling for about a minute), and the
# last column is how busy the whole machine was (load tool, service and database share its cores).
# Usage: client-fixtures/bench.sh [RATE] [DURATION] [WARMUP]     (defaults 5000, 10s, 60s). Needs the jars:
#        ./mvnw -B -q -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-5000}
DURATION=${2:-10s}
WARMUP=${3:-60s}
CLI=client-fixtures/target/chatgate-cli.jar
SERVER=server/target/chatgate-server.jar
WORK=$(mktemp -d)
chmod 755 "$WORK"
TOKEN=bench-token
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/pg/data/postmaster.pid" ]; then $PGRUN "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_up() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

cpu() { awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }

load() { # target-name url mix
  read -r busy0 all0 < <(cpu)
  java -jar "$CLI" load --url "$2" --app 1400000000 --token "$TOKEN" --rate "$RATE" --duration "$DURATION" --mix "$3" \
    > "$WORK/out" 2>/dev/null || true
  read -r busy1 all1 < <(cpu)
  awk -v name="$1" -v mix="$3" -v busy="$(( 100 * (busy1 - busy0) / (all1 - all0) ))" '
    /^throughput/ {tp=$2} /^errors/ {err=$2} /^  p50/ {p50=$2} /^  p90/ {p90=$2} /^  p99 / {p99=$2} /^  p99.9/ {p999=$2} /^  max/ {mx=$2}
    END {printf "| %-22s | %-6s | %10s | %6s | %8s | %8s | %8s | %8s | %8s | %4s%% |\n", name, mix, tp, err, p50, p90, p99, p999, mx, busy}' "$WORK/out"
}

start_server() { # port extra-env...
  local port=$1; shift
  env CHATGATE_PORT="$port" CHATGATE_APPS_1400000000_TOKENS="$TOKEN" CHATGATE_INBOX_DATA_DIR="$WORK/data-$port" "$@" \
    java -Xms1g -Xmx1g -jar "$SERVER" > "$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  wait_up "http://127.0.0.1:$port/health"
  # Warm-up: the JIT compiles the request path before anything is measured; then the inbox drains its backlog.
  for mix in before after; do
    java -jar "$CLI" load --url "http://127.0.0.1:$port/" --app 1400000000 --token "$TOKEN" --rate "$RATE" \
      --duration "$WARMUP" --mix "$mix" >/dev/null 2>&1 || true
  done
  sleep 3
}

stop_last() { kill "${PIDS[-1]}" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

echo "chatgate load, $RATE/s for $DURATION per row after $WARMUP of warm-up, $(nproc) cores; latency in ms from each request's scheduled time"
echo "| target                 | mix    | throughput | errors |      p50 |      p90 |      p99 |    p99.9 |      max | busy |"
echo "|---|---|---|---|---|---|---|---|---|---|"

java -jar "$CLI" bare --port 18090 > "$WORK/bare.log" 2>&1 &
PIDS+=($!)
sleep 1
java -jar "$CLI" load --url http://127.0.0.1:18090/ --app 1400000000 --rate "$RATE" --duration 10s >/dev/null 2>&1 || true
load "bare OK envelope" http://127.0.0.1:18090/ after
stop_last

start_server 18081 CHATGATE_INBOX_ENABLED=false
load "service, inbox off" http://127.0.0.1:18081/ before
sleep 2
load "service, inbox off" http://127.0.0.1:18081/ after
stop_last

start_server 18082
load "service, inbox on H2" http://127.0.0.1:18082/ before
sleep 2
load "service, inbox on H2" http://127.0.0.1:18082/ after
stop_last

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$PGBIN" ]; then
  PGRUN=""; mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK/pg"; PGRUN="runuser -u postgres --"; fi
  $PGRUN "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-instructions >/dev/null
  $PGRUN "$PGBIN/pg_ctl" -D "$WORK/pg/data" -w -l "$WORK/pg/log" -o "-p 55433 -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  start_server 18083 CHATGATE_INBOX_URL=jdbc:postgresql://127.0.0.1:55433/postgres
  load "service, inbox on PG" http://127.0.0.1:18083/ after
  stop_last
else
  echo "| service, inbox on PG   | (no PostgreSQL binaries under /usr/lib/postgresql) |"
fi
