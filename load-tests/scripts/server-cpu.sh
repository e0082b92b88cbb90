#!/usr/bin/env bash
# CPU the benchmarked server used over a window, in % of one core.
#   load-tests/scripts/server-cpu.sh <seconds>
BENCH=${BENCH:-/tmp/kefu-bench}
pid=$(cat "$BENCH/server.pid"); t=$1
a=$(awk '{print $14+$15}' "/proc/$pid/stat"); sleep "$t"; b=$(awk '{print $14+$15}' "/proc/$pid/stat")
echo "cpu over ${t}s: $(( (b - a) * 100 / (t * $(getconf CLK_TCK)) ))% of one core"
