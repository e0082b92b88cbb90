#!/usr/bin/env bash
# Full GC in the benchmarked server, then heap, RSS, connections and file descriptors from /metrics.
#   load-tests/scripts/server-memory.sh <label>
BENCH=${BENCH:-/tmp/kefu-bench}
pid=$(cat "$BENCH/server.pid")
jcmd "$pid" GC.run >/dev/null 2>&1; sleep 2
m=$(curl -s localhost:8080/metrics)
sum() { echo "$m" | grep "^$1" | awk '{s+=$NF} END {printf "%.0f", s}'; }
echo "$1 heap=$(sum 'jvm_memory_used_bytes{area="heap"') rss=$(sum kefu_process_rss_bytes)" \
     "conns=$(sum kefu_gateway_connections) fds=$(sum kefu_process_fds_open)"
