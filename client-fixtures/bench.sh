#!/usr/bin/env bash
# Load figures, side by side in one run on this machine: the bare yardstick (answers OK, nothing else), then
# the service with the inbox off, on embedded H2, and on PostgreSQL without and with the journal, each alone while it
# is measured. Each
# service is first warmed up for WARMUP per mix at the rate (see start_server), and each
# measured run starts with 5 s of unmeasured sending on the connections it then uses (the load tool's own JIT,
# and connections open before the clock starts). Columns: what the load tool saw
# (latency from each request's scheduled time), what the service saw over those 5 s and the run (its
# chatgate_callbacks_latency histogram, receipt to answer, as bucket upper bounds), events newly stored per
# second over the same span (chatgate_inbox_stored_total), and how busy the whole machine was (load tool,
# service and database share its cores).
# Each measured run is 60 s by default: the machine's periodic work (a young collection every 2-3 s, the kernel
# writing out what has been dirty for 30 s) then falls in every row about equally, where a 10 s run caught a
# write-out or not, and its p99 swung with that (56.70 and 124.74 ms for the same build, docs/adr/0109-benchmark-method.md).
# Usage: [CHATGATE_SERVER_JAR=jar] client-fixtures/bench.sh [RATE] [DURATION] [WARMUP]   (defaults 5000, 60s, 120s; WARMUP in whole
#        seconds, as Ns). Needs the jars:
#        ./mvnw -B -q -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-5000}
DURATION=${2:-60s}
WARMUP=${3:-120s}
[[ $WARMUP =~ ^[0-9]+s$ ]] || { echo "WARMUP must be whole seconds, as Ns (e.g. 120s), not $WARMUP" >&2; exit 2; }
WARMUP_ROUNDS=$(( (${WARMUP%s} + 19) / 20 ))
CLI=client-fixtures/target/chatgate-cli.jar
# CHATGATE_SERVER_JAR measures another build of the service (an older one, to compare), with the same load tool.
SERVER=${CHATGATE_SERVER_JAR:-server/target/chatgate-server.jar}
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
# The table goes to the terminal and into docs/benchmark-results.md, which the end of this script replaces.
exec 3>&1 > >(tee "$WORK/table")
TABLE_TEE=$!

wait_up() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

cpu() { awk '/^cpu / {print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }

# What the service's /prometheus says happened between two scrapes: its own p99 and p99.9 (receipt to answer)
# and the events it newly stored, per second of the run.
service_side() { # before after seconds
  awk -v secs="$3" '
    FNR == 1 {file++}
    /^chatgate_callbacks_latency_seconds_bucket/ {match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5)
      n[file, le] += $NF; les[le] = 1}
    /^chatgate_inbox_stored_total/ && /duplicate="false"/ {stored[file] += $NF}
    END {
      m = 0; for (le in les) {v = (le == "+Inf") ? 1e9 : le + 0; bound[++m] = v; key[m] = le}
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (bound[j] < bound[i]) {
        t = bound[i]; bound[i] = bound[j]; bound[j] = t; t = key[i]; key[i] = key[j]; key[j] = t}
      total = n[2, "+Inf"] - n[1, "+Inf"]; p99 = "-"; p999 = "-"
      for (i = 1; i <= m && total > 0; i++) {c = n[2, key[i]] - n[1, key[i]]
        if (p99 == "-" && c >= 0.99 * total) p99 = sprintf("%.2f", bound[i] * 1000)
        if (p999 == "-" && c >= 0.999 * total) p999 = sprintf("%.2f", bound[i] * 1000)}
      rate = (stored[2] - stored[1]) / secs
      printf "%s %s %s\n", p99, p999, (stored[1] == "" && stored[2] == "") ? "-" : sprintf("%.0f", rate)}' "$1" "$2"
}

load() { # target-name url mix
  curl -s "$2prometheus" > "$WORK/m0" || true
  read -r busy0 all0 < <(cpu)
  java -jar "$CLI" load --url "$2" --app 1400000000 --token "$TOKEN" --rate "$RATE" --warmup 5s --duration "$DURATION" \
    --mix "$3" > "$WORK/out" 2>/dev/null || true
  read -r busy1 all1 < <(cpu)
  curl -s "$2prometheus" > "$WORK/m1" || true
  read -r svc99 svc999 stored < <(service_side "$WORK/m0" "$WORK/m1" "$(awk '/^throughput/ {print $4 + 5}' "$WORK/out")")
  awk -v name="$1" -v mix="$3" -v busy="$(( 100 * (busy1 - busy0) / (all1 - all0) ))" -v s99="$svc99" -v s999="$svc999" \
      -v stored="$stored" '
    /^throughput/ {tp=$2} /^errors/ {err=$2} /^  p50/ {p50=$2} /^  p90/ {p90=$2} /^  p99 / {p99=$2} /^  p99.9/ {p999=$2} /^  max/ {mx=$2}
    END {printf "| %-22s | %-6s | %10s | %6s | %8s | %8s | %8s | %8s | %8s | %8s | %8s | %6s | %4s%% |\n", name, mix, tp, err,
      p50, p90, p99, p999, mx, s99, s999, stored, busy}' "$WORK/out"
}

start_server() { # port "mixes to warm up" extra-env...
  local port=$1 mixes=$2; shift 2
  env CHATGATE_PORT="$port" CHATGATE_APPS_1400000000_TOKENS="$TOKEN" CHATGATE_INBOX_DATA_DIR="$WORK/data-$port" "$@" \
    java -Xms1g -Xmx1g -jar "$SERVER" > "$WORK/server-$port.log" 2>&1 &
  PIDS+=($!)
  wait_up "http://127.0.0.1:$port/health"
  # Warm-up: the JIT compiles the request path before anything is measured (at 5,000/s its compiler threads
  # are busy for about two minutes). It runs in 20 s pieces, each a new load tool whose connections close at
  # its end, and /prometheus is read after each: a service that only ever saw one long run recompiles its
  # network path when those connections first close, and compiles its metrics output on the first read, both
  # of which would otherwise happen during the measured run. Then the inbox drains its backlog.
  for _ in $(seq 1 "$WARMUP_ROUNDS"); do
    for mix in $mixes; do
      java -jar "$CLI" load --url "http://127.0.0.1:$port/" --app 1400000000 --token "$TOKEN" --rate "$RATE" \
        --duration 20s --mix "$mix" >/dev/null 2>&1 || true
      curl -s -o /dev/null "http://127.0.0.1:$port/prometheus" || true
    done
  done
  sleep 3
}

stop_last() { kill "${PIDS[-1]}" 2>/dev/null || true; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

echo "chatgate load, $RATE/s for $DURATION per row after $WARMUP of warm-up, $(nproc) cores; latency in ms from each request's scheduled time"
echo "| target                 | mix    | throughput | errors |      p50 |      p90 |      p99 |    p99.9 |      max | svc p99 | svc p99.9 | stored/s | busy |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"

java -jar "$CLI" bare --port 18090 > "$WORK/bare.log" 2>&1 &
PIDS+=($!)
sleep 1
java -jar "$CLI" load --url http://127.0.0.1:18090/ --app 1400000000 --rate "$RATE" --duration 10s >/dev/null 2>&1 || true
load "bare OK envelope" http://127.0.0.1:18090/ after
stop_last

start_server 18081 "before after" CHATGATE_INBOX_ENABLED=false
load "service, inbox off" http://127.0.0.1:18081/ before
sleep 2
load "service, inbox off" http://127.0.0.1:18081/ after
stop_last

start_server 18082 "before after"
load "service, inbox on H2" http://127.0.0.1:18082/ before
sleep 2
load "service, inbox on H2" http://127.0.0.1:18082/ after
stop_last

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
# A throwaway PostgreSQL cluster, new for each row.
start_pg() {
  PGRUN=""; rm -rf "$WORK/pg"; mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$WORK/pg"; PGRUN="runuser -u postgres --"; fi
  $PGRUN "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-instructions >/dev/null
  # Set as for a production database (docs/operations.md, "PostgreSQL and several nodes"): Debian's defaults are sized for a
  # small machine, and with them backends evict dirty pages from 128 MB of buffers and the WAL forces a checkpoint
  # every 1 GB, both of which the inbox's writes reach within the warm-up. wal_init_zero=off: a new cluster has no
  # old log segments to recycle, so at 5,000/s it would fill a new 16 MB segment with zeros on the commit path
  # every 2 s, which a cluster that has run for a while does not do (docs/adr/0109-benchmark-method.md).
  $PGRUN "$PGBIN/pg_ctl" -D "$WORK/pg/data" -w -l "$WORK/pg/log" -o "-p 55433 -k $WORK/pg -c listen_addresses=127.0.0.1 \
    -c shared_buffers=2GB -c max_wal_size=8GB -c checkpoint_timeout=15min -c wal_init_zero=off" start >/dev/null
}
stop_pg() { $PGRUN "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null; }

if [ -n "$PGBIN" ]; then
  start_pg
  start_server 18083 after CHATGATE_INBOX_URL=jdbc:postgresql://127.0.0.1:55433/postgres
  load "service, inbox on PG" http://127.0.0.1:18083/ after
  stop_last
  stop_pg
  # The same with the journal on (docs/adr/0102-postgresql-journal-optional.md).
  start_pg
  start_server 18084 after CHATGATE_INBOX_URL=jdbc:postgresql://127.0.0.1:55433/postgres CHATGATE_INBOX_JOURNAL=true
  load "service, PG + journal" http://127.0.0.1:18084/ after
  stop_last
else
  echo "| service, inbox on PG   | (no PostgreSQL binaries under /usr/lib/postgresql) |"
fi

exec 1>&3 3>&-
wait "$TABLE_TEE" 2>/dev/null || true
{
  echo "# Benchmark results"
  echo
  echo "The latest run of \`client-fixtures/bench.sh\`, which writes this file and replaces the one before (git keeps"
  echo "those); how it measures: [ADR 0109](adr/0109-benchmark-method.md). Commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%d)."
  [ -z "${CHATGATE_SERVER_JAR:-}" ] || echo "Service jar: \`$SERVER\`."
  echo
  awk 'NR == 2 {print ""} {print}' "$WORK/table"   # a blank line between the heading line and the table
} > docs/benchmark-results.md
echo "Results written to docs/benchmark-results.md"
