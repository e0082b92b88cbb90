#!/usr/bin/env bash
# Runs the load harness pinned to CPU 1 against the server on :8080 (and the relay on :9090).
#   load-tests/scripts/harness.sh <report-name> [harness options...]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-/tmp/kefu-bench}
name=$1; shift
taskset -c 1 java -Xmx3g -jar "$repo/load-tests/target/kefu-load.jar" --server http://127.0.0.1:8080 \
  --relay ws://127.0.0.1:9090/relay --admin-key bench-admin-key-0123456789 --threads 1 \
  --report "$BENCH/$name.json" "$@"
