#!/usr/bin/env bash
# Starts the Kefu jar for a benchmark, pinned to CPU 0, and waits for /health.
#   load-tests/scripts/kefu-server.sh <label> [KEFU_X=y ...]
# SERVER_WRAP, if set, is put before the command (e.g. "chrt -b 0" for the batch scheduling policy). JVM options come from SERVER_JVM (default -Xms1g -Xmx1g; -XX:MetaspaceSize=128m comes first, as in bin/kefu); the jar from KEFU_JAR (default server/target/kefu-server.jar). Output: $BENCH/server-<label>.log, pid in $BENCH/server.pid.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-/tmp/kefu-bench}
mkdir -p "$BENCH"
label=$1; shift
rm -rf "$BENCH/data-$label"
env KEFU_PORT=8080 KEFU_DEMO=false KEFU_ADMIN_KEY=bench-admin-key-0123456789 \
  KEFU_JWT_SECRET=bench-jwt-secret-0123456789-0123456789-xx KEFU_DATA_DIR="$BENCH/data-$label" \
  KEFU_MAX_CONNECTIONS=30000 KEFU_MAX_CONNECTIONS_PER_ADDRESS=30000 KEFU_RATE_PER_SEC=1000 KEFU_RATE_BURST=2000 KEFU_LOG_LEVEL=WARN \
  KEFU_PASSWORD_ITERATIONS=1000 "$@" \
  ${SERVER_WRAP:-} taskset -c 0 java -XX:MetaspaceSize=128m ${SERVER_JVM:--Xms1g -Xmx1g} -jar "${KEFU_JAR:-$repo/server/target/kefu-server.jar}" > "$BENCH/server-$label.log" 2>&1 &
echo $! > "$BENCH/server.pid"
for _ in $(seq 1 60); do curl -sf localhost:8080/health >/dev/null && exit 0; sleep 0.5; done
echo "server did not start:"; cat "$BENCH/server-$label.log"; exit 1
