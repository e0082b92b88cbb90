#!/usr/bin/env bash
# One S2 step at a fixed rate with the server's and PostgreSQL's CPU per message (issue 13's first measure).
#   load-tests/scripts/cpu-per-message.sh <label> <rate> [json|bin]
# Environment: KEFU_JAR (default server/target/kefu-server.jar); LOAD_JAR (the harness, default
# load-tests/target/kefu-load.jar: an older server is measured with its own harness, whose cmids it was built for); WARM (a rate: a first step at that rate, not
# measured, so that the measured one carries no JIT compilation; unset: no such step); PG_PORT (default 5433: a
# local PostgreSQL whose database `kefu` is dropped and created first; the postgres OS user runs psql); DB=h2 to
# use the embedded H2 file.
# Starts the server pinned to CPU 0 (kefu-server.sh), the harness on CPU 1, and reads utime+stime of the server
# and of every postgres process from /proc over 10 s, 2 s into the measured step. Prints one line of figures and
# the harness's summary. Output and reports in $BENCH (default /tmp/kefu-bench).
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-/tmp/kefu-bench}; mkdir -p "$BENCH"
label=$1; rate=$2; enc=${3:-json}
PG_PORT=${PG_PORT:-5433}
if [ "${DB:-pg}" = pg ]; then
  su postgres -c "psql -q -p $PG_PORT -h 127.0.0.1 -c 'DROP DATABASE IF EXISTS kefu' -c 'CREATE DATABASE kefu'" >/dev/null
  dbenv="KEFU_DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/kefu KEFU_DB_USER=postgres"
else
  dbenv=""
fi
# shellcheck disable=SC2086
"$repo/load-tests/scripts/kefu-server.sh" "$label" $dbenv KEFU_MAX_CONNECTIONS_PER_ADDRESS=30000 || exit 1
pid=$(cat "$BENCH/server.pid")
pgcpu() { local s=0; for p in $(pgrep -u postgres postgres); do s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
jcpu() { awk '{print $14+$15}' "/proc/$pid/stat"; }
taskset -c 1 java -Xmx3g -jar "${LOAD_JAR:-$repo/load-tests/target/kefu-load.jar}" --server http://127.0.0.1:8080 \
  --admin-key bench-admin-key-0123456789 --threads 1 --report "$BENCH/$label.json" \
  --target kefu --shops 100 --agents-per-shop 20 --max-concurrent 5 --buyers 10000 \
  --rate "${WARM:+$WARM,}$rate" --size 200 --encoding "$enc" --warmup 5 --duration 20 --connect-rate 2000 > "$BENCH/harness-$label.log" 2>&1 &
hp=$!
last=$([ -n "${WARM:-}" ] && echo "2/2" || echo "1/1")
while ! grep -q "step $last measure" "$BENCH/harness-$label.log" 2>/dev/null; do
  if ! kill -0 $hp 2>/dev/null; then # the harness ended before the step: a failed set-up
    kill "$pid"; tail -5 "$BENCH/harness-$label.log"; exit 1
  fi
  sleep 0.5
done
sleep 2
j0=$(jcpu); p0=$(pgcpu); t0=$(date +%s.%N)
sleep 10
j1=$(jcpu); p1=$(pgcpu); t1=$(date +%s.%N)
wait $hp
kill "$pid"; wait "$pid" 2>/dev/null
awk -v j="$((j1 - j0))" -v p="$((p1 - p0))" -v t0="$t0" -v t1="$t1" -v r="$rate" -v hz="$(getconf CLK_TCK)" -v l="$label" \
  'BEGIN { dt = t1 - t0; printf "%s rate=%d jvm=%.0f%% pg=%.0f%% jvm_us/msg=%.0f pg_us/msg=%.0f total=%.0f\n", l, r,
           j / hz / dt * 100, p / hz / dt * 100, j / hz / dt / r * 1e6, p / hz / dt / r * 1e6, (j + p) / hz / dt / r * 1e6 }'
grep -E "^== |^  |^problem|^messages" "$BENCH/harness-$label.log" | head -18
