#!/usr/bin/env bash
# S2 (chat throughput) against a Kefu cluster on this machine: a Redis on a free port, PostgreSQL, N nodes
# (default 3) from the server jar, the harness spread over all of them; prints the harness's summary and the CPU
# Redis and PostgreSQL used. Everything it started is stopped on exit.
#
#   load-tests/scripts/cluster-s2.sh [options] [-- more harness options]
#     --nodes N            Kefu nodes (default 3), KEFU_NODE_ID 1..N, each on a free port
#     --single             one plain node instead (no KEFU_CLUSTER, no Redis), same harness settings: the comparison
#     --db-url URL         PostgreSQL JDBC URL (or KEFU_DB_URL; user KEFU_DB_USER, default postgres; KEFU_DB_PASSWORD).
#                          Default: the local PostgreSQL 15 cluster in $PG_DATA on $PG_PORT, started if it is not
#                          running (and stopped afterwards), database $PG_DB dropped and created first
#     --conversations N    conversations = buyers (default 10000); 100 shops, agents to match (maxConcurrent 5)
#     --rates LIST         rate steps, msg/s (default 1000,2000,4000)
#     --encoding E         json or bin (default json)
#     --warmup S / --duration S   per step (default 5 / 20)
#     --label NAME         names the logs and the report in $BENCH (default cluster-s2-<nodes>n or single-s2)
# Environment: KEFU_JAR (default server/target/kefu-server.jar), LOAD_JAR (default load-tests/target/kefu-load.jar),
# BENCH (default /tmp/kefu-bench), SERVER_JVM (default -Xms256m -Xmx512m per node), SERVER_CPUS / HARNESS_CPUS
# (taskset CPU lists; default 0 and 1 as the other benchmark scripts; empty: not pinned), PG_DATA (default
# /tmp/pgbench/data), PG_PORT (default 5433), PG_DB (default kefu_cluster_s2), PG_BIN (default
# /usr/lib/postgresql/15/bin).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-/tmp/kefu-bench}; mkdir -p "$BENCH"
KEFU_JAR=${KEFU_JAR:-$repo/server/target/kefu-server.jar}
LOAD_JAR=${LOAD_JAR:-$repo/load-tests/target/kefu-load.jar}
SERVER_CPUS=${SERVER_CPUS-0}; HARNESS_CPUS=${HARNESS_CPUS-1}
PG_DATA=${PG_DATA:-/tmp/pgbench/data}; PG_PORT=${PG_PORT:-5433}; PG_DB=${PG_DB:-kefu_cluster_s2}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
ADMIN_KEY=bench-admin-key-0123456789
JWT_SECRET=bench-jwt-secret-0123456789-0123456789-xx

nodes=3; single=false; db_url=${KEFU_DB_URL:-}; conversations=10000; rates=1000,2000,4000; encoding=json
warmup=5; duration=20; label=""; extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) nodes=$2; shift 2 ;;
    --single) single=true; nodes=1; shift ;;
    --db-url) db_url=$2; shift 2 ;;
    --conversations) conversations=$2; shift 2 ;;
    --rates) rates=$2; shift 2 ;;
    --encoding) encoding=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --label) label=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
[[ $nodes =~ ^[1-9][0-9]?$ ]] || { echo "--nodes: 1..99, got $nodes" >&2; exit 64; }
[[ $conversations =~ ^[1-9][0-9]*$ ]] || { echo "--conversations: a positive number, got $conversations" >&2; exit 64; }
label=${label:-$([ "$single" = true ] && echo single-s2 || echo "cluster-s2-${nodes}n")}
for jar in "$KEFU_JAR" "$LOAD_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: ./mvnw -B -ntp -pl load-tests -am package -DskipTests" >&2; exit 1; }
done

# taskset prefixes (empty: not pinned); a plain command, so $! is the JVM's own pid (taskset and env exec it)
pin_server=(); [ -n "$SERVER_CPUS" ] && pin_server=(taskset -c "$SERVER_CPUS")
pin_harness=(); [ -n "$HARNESS_CPUS" ] && pin_harness=(taskset -c "$HARNESS_CPUS")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { local s=0 p; for p in "$@"; do s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }

pids=(); redis_pid=""; pg_started=false
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  if [ "$pg_started" = true ]; then
    su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -m fast stop" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL: the URL given, or the local cluster (started here when it is not running)
db_user=${KEFU_DB_USER:-postgres}
if [ -z "$db_url" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
    echo "starting PostgreSQL in $PG_DATA on port $PG_PORT"
    su postgres -c "$PG_BIN/pg_ctl -D $PG_DATA -l $(dirname "$PG_DATA")/pg2.log -o '-p $PG_PORT' -w start" >/dev/null
    pg_started=true
  fi
  su postgres -c "PGOPTIONS='-c client_min_messages=warning' psql -q -p $PG_PORT -h 127.0.0.1 -c 'DROP DATABASE IF EXISTS $PG_DB' -c 'CREATE DATABASE $PG_DB'" >/dev/null
  db_url=jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB
fi
[[ $db_url == jdbc:postgresql:* ]] || { echo "--db-url: cluster mode needs PostgreSQL (jdbc:postgresql:...), got $db_url" >&2; exit 64; }

cluster_env=()
if [ "$single" = false ]; then
  redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    > "$BENCH/redis-$label.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.2; done
  redis-cli -p "$redis_port" ping >/dev/null || { echo "redis did not start:"; cat "$BENCH/redis-$label.log"; exit 1; }
  echo "redis on 127.0.0.1:$redis_port (pid $redis_pid)"
  cluster_env=(KEFU_CLUSTER=redis "KEFU_REDIS_URL=redis://127.0.0.1:$redis_port")
fi

servers=(); ports=()
for n in $(seq 1 "$nodes"); do
  port=$(free_port); ports+=("$port")
  rm -rf "$BENCH/data-$label-$n"
  # shellcheck disable=SC2086
  "${pin_server[@]}" env KEFU_PORT="$port" KEFU_NODE_ID="$n" KEFU_DEMO=false KEFU_ADMIN_KEY=$ADMIN_KEY KEFU_JWT_SECRET=$JWT_SECRET \
    KEFU_DATA_DIR="$BENCH/data-$label-$n" KEFU_DB_URL="$db_url" KEFU_DB_USER="$db_user" \
    KEFU_DB_PASSWORD="${KEFU_DB_PASSWORD:-}" KEFU_MAX_CONNECTIONS=30000 KEFU_MAX_CONNECTIONS_PER_ADDRESS=30000 \
    KEFU_RATE_PER_SEC=1000 KEFU_RATE_BURST=2000 KEFU_LOG_LEVEL=WARN KEFU_PASSWORD_ITERATIONS=1000 "${cluster_env[@]}" \
    java ${SERVER_JVM:--Xms256m -Xmx512m} -jar "$KEFU_JAR" > "$BENCH/server-$label-$n.log" 2>&1 &
  pids+=($!)
  servers+=("http://127.0.0.1:$port")
done
for i in "${!ports[@]}"; do
  for _ in $(seq 1 240); do curl -sf "localhost:${ports[$i]}/health" >/dev/null && break; sleep 0.5; done
  curl -sf "localhost:${ports[$i]}/health" >/dev/null || {
    echo "node $((i + 1)) did not start:"; tail -30 "$BENCH/server-$label-$((i + 1)).log"; exit 1; }
done
echo "$nodes node(s) up: ${servers[*]} (pids ${pids[*]}), database $db_url"

shops=100
[ "$conversations" -lt "$shops" ] && shops=$conversations
agents=$(( (conversations + shops * 5 - 1) / (shops * 5) ))
server_list=$(IFS=,; echo "${servers[*]}")
redis_cpu0=$( [ -n "$redis_pid" ] && cpu_ticks "$redis_pid" || echo 0 )
pg_pids() { pgrep -u postgres postgres || true; }
pg_cpu0=$(cpu_ticks $(pg_pids))
t0=$(date +%s.%N)
set +e
"${pin_harness[@]}" java -Xmx2g -jar "$LOAD_JAR" --target kefu --server "$server_list" --admin-key $ADMIN_KEY \
  --threads 1 --shops "$shops" --agents-per-shop "$agents" --max-concurrent 5 --buyers "$conversations" \
  --rate "$rates" --size 200 --encoding "$encoding" --warmup "$warmup" --duration "$duration" --connect-rate 1000 \
  --report "$BENCH/$label.json" "${extra[@]}" 2>&1 | tee "$BENCH/harness-$label.log" \
  | grep -v '^\[ *[0-9]*s\]'
exit_code=${PIPESTATUS[0]}
set -e
t1=$(date +%s.%N)
redis_cpu1=$( [ -n "$redis_pid" ] && cpu_ticks "$redis_pid" || echo 0 )
pg_cpu1=$(cpu_ticks $(pg_pids))
hz=$(getconf CLK_TCK)
awk -v r="$((redis_cpu1 - redis_cpu0))" -v p="$((pg_cpu1 - pg_cpu0))" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
  -v redis="$redis_pid" 'BEGIN {
    used = redis == "" ? "not used" : sprintf("%.1f s CPU", r / hz)
    printf "over the harness run (%.0f s, set-up included): redis %s; postgres, all its processes, %.1f s CPU\n", t1 - t0, used, p / hz }'
echo "report: $BENCH/$label.json; progress lines in $BENCH/harness-$label.log; harness exit code $exit_code"
exit "$exit_code"
