#!/usr/bin/env bash
# The soak (issue 15): the server under a moderate, steady load for an hour with Netty's paranoid leak detection,
# sampled at the start, after every interval and at the end. Not run in CI.
#   load-tests/scripts/soak.sh [--minutes 60] [--interval 5] [--warmup 30] [--rate 500] [--encoding json|bin]
#                              [--db-url jdbc:postgresql://host:port/db --db-user U --db-password P]
# Default database: a fresh H2 file in $BENCH/data-soak. A PostgreSQL database is used as it is (drop and create it
# first for a clean run).
# Environment: KEFU_JAR (default server/target/kefu-server.jar), HARNESS_JAR (default load-tests/target/kefu-load.jar);
# when either is missing, the script builds both once with ./mvnw -q -DskipTests package. SERVER_JVM (default
# -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:MarkSweepDeadRatio=0: the heap is touched at start, so RSS growth is what
# grows outside it; and every full GC compacts fully: pinned to one CPU the JVM picks the serial collector, whose
# full GC otherwise may leave up to 5 % of the old generation's dead objects in place, as filler int[] arrays:
# 35 MB of "heap after GC" in most samples of a run),
# SOAK_LEAK (paranoid: Netty's leak detection level; disabled or simple to see latency without its cost),
# SOAK_PORT (8080), SOAK_SHOPS (100), SOAK_AGENTS (20 per shop), SOAK_BUYERS (10000), SOAK_CONNECT_RATE (500 a
# second: on a busy machine a faster ramp makes connections time out), BENCH (/tmp/kefu-bench).
# The server runs pinned to CPU 0, the harness to CPU 1 (as kefu-server.sh and harness.sh do). The harness turns the
# shops' no-answer transfer and idle close off (--no-reply-timers): its agents answer at random, and with the
# defaults (180 s, then the agent is set away) a long run's conversations move to other agents.
#
# Each interval is one harness step at the same rate, so the report has p50/p99/p99.9 per interval; the first
# --warmup seconds of each are not measured (they hold the sample's full GC, and in the first interval the end of
# the set-up). A sample, taken as an interval begins: a full GC (jcmd GC.class_histogram, the histogram kept in
# $BENCH/soak-histo-<label>.txt) and the heap it left (from the GC log, $BENCH/soak-gc.log), VmRSS, open file
# descriptors and the H2 file's size. The last sample ("end") is taken 20 s before the load stops, with every
# connection still open; "after" once the harness has closed them.
# Verdict: PASS when heap after GC, RSS and fds grew less than 5 % from the first sample after warm-up (the end of
# interval 1) to "end", the server's log has no "LEAK:" line and the harness found nothing lost, duplicated, out
# of order or refused (its exit code 1). A harness that fell behind its own schedule (exit 2, "invalid") is
# reported, not failed: its lag is in the latency figures. Exit code 0 on PASS, 1 otherwise.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH:-/tmp/kefu-bench}; mkdir -p "$BENCH"
KEFU_JAR=${KEFU_JAR:-$repo/server/target/kefu-server.jar}
HARNESS_JAR=${HARNESS_JAR:-$repo/load-tests/target/kefu-load.jar}
PORT=${SOAK_PORT:-8080}
minutes=60; interval=5; warmup=30; rate=500; enc=json; db_url=""; db_user=""; db_password=""
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=$2 ;;
    --interval) interval=$2 ;;
    --warmup) warmup=$2 ;;
    --rate) rate=$2 ;;
    --encoding) enc=$2 ;;
    --db-url) db_url=$2 ;;
    --db-user) db_user=$2 ;;
    --db-password) db_password=$2 ;;
    *) echo "unknown option $1 (see the head of $0)"; exit 64 ;;
  esac
  shift 2 || { echo "option $1 needs a value"; exit 64; }
done
steps=$((minutes / interval))
if [ "$steps" -lt 2 ] || [ $((steps * interval)) -ne "$minutes" ]; then
  echo "--minutes ($minutes) must be a multiple of --interval ($interval), at least two intervals"; exit 64
fi

if [ ! -f "$KEFU_JAR" ] || [ ! -f "$HARNESS_JAR" ]; then
  echo "building the jars (./mvnw -q -DskipTests package)"
  (cd "$repo" && ./mvnw -B -ntp -q -DskipTests package) || exit 1
fi

data="$BENCH/data-soak"; rm -rf "$data"
log="$BENCH/server-soak.log"; hlog="$BENCH/harness-soak.log"; report="$BENCH/soak.json"; samples="$BENCH/soak-samples.txt"
gclog="$BENCH/soak-gc.log"
rm -f "$report" "$samples" "$gclog" "$hlog" "$BENCH"/soak-histo-*.txt
dbenv=()
[ -n "$db_url" ] && dbenv+=("KEFU_DB_URL=$db_url")
[ -n "$db_user" ] && dbenv+=("KEFU_DB_USER=$db_user")
[ -n "$db_password" ] && dbenv+=("KEFU_DB_PASSWORD=$db_password")

# shellcheck disable=SC2086
env KEFU_PORT="$PORT" KEFU_DEMO=false KEFU_ADMIN_KEY=bench-admin-key-0123456789 \
  KEFU_JWT_SECRET=bench-jwt-secret-0123456789-0123456789-xx KEFU_DATA_DIR="$data" \
  KEFU_MAX_CONNECTIONS=30000 KEFU_MAX_CONNECTIONS_PER_ADDRESS=30000 KEFU_RATE_PER_SEC=1000 KEFU_RATE_BURST=2000 \
  KEFU_LOG_LEVEL=WARN KEFU_PASSWORD_ITERATIONS=1000 "${dbenv[@]}" \
  taskset -c 0 java ${SERVER_JVM:--Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:MarkSweepDeadRatio=0} -Dio.netty.leakDetection.level="${SOAK_LEAK:-paranoid}" \
  -Xlog:gc:file="$gclog" -jar "$KEFU_JAR" > "$log" 2>&1 &
pid=$!
hp=""
cleanup() { [ -n "$hp" ] && kill "$hp" 2>/dev/null; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "localhost:$PORT/health" >/dev/null || { echo "server did not start:"; cat "$log"; exit 1; }

# One line per sample: label minute heap_kib rss_kib fds h2_bytes commits commit_seconds stored_messages epoch_seconds
sample() {
  local label=$1 minute=$2 heap rss fds h2 store
  jcmd "$pid" GC.class_histogram > "$BENCH/soak-histo-$label.txt" 2>&1
  # the heap the full GC left, from the GC log ("Pause Full (Heap Inspection Initiated GC) 300M->98M(1024M)"):
  # reading the heap afterwards would count what the load allocated since
  heap=$(grep "Pause Full" "$gclog" | tail -1 | sed -E 's/.*->([0-9]+)M\(.*/\1/'); heap=$((heap * 1024))
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
  fds=$(ls "/proc/$pid/fd" | wc -l)
  h2=$(stat -c %s "$data/kefu.mv.db" 2>/dev/null || echo -1)
  # the message writer's commits so far (count, seconds) and messages stored: per interval, the mean commit time
  store=$(curl -s --max-time 20 "localhost:$PORT/metrics" | awk '
    /^kefu_store_messages_commit_seconds_count/ {c = $2} /^kefu_store_messages_commit_seconds_sum/ {s = $2}
    /^kefu_store_messages_batch_size_messages_sum/ {m = $2} END {printf "%d %.3f %d", c, s, m}') store="$store $(date +%s)"
  echo "$label $minute $heap $rss $fds $h2 $store" | tee -a "$samples"
}

sample start -
taskset -c 1 java -Xmx2g -jar "$HARNESS_JAR" --server "http://127.0.0.1:$PORT" \
  --admin-key bench-admin-key-0123456789 --threads 1 --report "$report" --target kefu \
  --shops "${SOAK_SHOPS:-100}" --agents-per-shop "${SOAK_AGENTS:-20}" --max-concurrent 5 --buyers "${SOAK_BUYERS:-10000}" \
  --rate "$(yes "$rate" | head -n "$steps" | paste -sd,)" --size 200 --encoding "$enc" \
  --warmup "$warmup" --duration $((interval * 60 - warmup)) --connect-rate "${SOAK_CONNECT_RATE:-500}" --drain 30 --no-reply-timers \
  > "$hlog" 2>&1 &
hp=$!
waitfor() { while ! grep -q "$1" "$hlog" 2>/dev/null; do kill -0 "$hp" 2>/dev/null || return 1; sleep 1; done; }
waitfor "step 1/$steps" || { echo "the harness stopped during set-up:"; tail -20 "$hlog"; exit 1; }
sample load 0
for k in $(seq 2 "$steps"); do
  waitfor "step $k/$steps" || break
  sample "t$(( (k - 1) * interval ))" $(( (k - 1) * interval ))
done
# The end: a few seconds before the last interval is over, the load and its connections still on (the drain after
# it may take less than the harness's one-second progress tick, so it cannot be waited for).
sleep $((interval * 60 - 20)); kill -0 "$hp" 2>/dev/null && sample end "$minutes"
wait "$hp"; hrc=$?; hp=""
sample after -
leaks=$(grep -c "LEAK:" "$log")

echo
echo "soak: $minutes min at $rate msg/s ($enc), ${db_url:-H2 file}, interval $interval min, server pid $pid"
python3 - "$samples" "$report" "$leaks" "$hrc" "$interval" <<'EOF'
import json, sys
samples_file, report_file, leaks, hrc, interval = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [l.split() for l in open(samples_file) if l.strip()]
try:
    steps = json.load(open(report_file))["runs"][0]["steps"]
    run = json.load(open(report_file))["runs"][0]
except (OSError, ValueError, KeyError, IndexError):
    steps, run = [], None
ms = lambda us: "%.1f" % (us / 1000.0)
print("%-6s %6s %9s %9s %6s %9s | %-9s %8s %8s %8s %8s %9s %9s" % ("sample", "min", "heap MiB", "RSS MiB", "fds",
      "H2 MiB", "interval", "p50 ms", "p99 ms", "p99.9 ms", "ok p99", "stored/s", "commit ms"))
prev = None
for r in rows:
    label, minute, heap, rss, fds, h2 = r[:6]
    lat = ""
    if minute not in ("-", "0"):
        i = int(minute) // interval - 1
        if 0 <= i < len(steps):
            s = steps[i]
            b, a, ok = s["buyerToAgent"], s["agentToBuyer"], s["ok"]
            lat = "%-9s %8s %8s %8s %8s" % ("%d-%d" % (i * interval, (i + 1) * interval), ms(b["p50Us"]),
                  ms(max(b["p99Us"], a["p99Us"])), ms(max(b["p999Us"], a["p999Us"])), ms(ok["p99Us"]))
    if prev is not None and len(r) >= 10 and minute != "-":
        commits, secs, stored = int(r[6]) - int(prev[6]), float(r[7]) - float(prev[7]), int(r[8]) - int(prev[8])
        span = int(r[9]) - int(prev[9])
        lat += " %9.0f %9s" % (stored / span if span > 0 else 0, "%.2f" % (secs * 1000 / commits) if commits else "-")
    if minute != "-":
        prev = r
    print("%-6s %6s %9.1f %9.1f %6s %9s | %s" % (label, minute, int(heap) / 1024, int(rss) / 1024, fds,
          "%.1f" % (int(h2) / 2**20) if int(h2) >= 0 else "n/a", lat))
by = {r[0]: r for r in rows}
first = next((r for r in rows if r[1] not in ("-", "0")), None)
last = by.get("end")
verdict = True
if first and last and first is not last:
    for name, col in (("heap after GC", 2), ("RSS", 3), ("fds", 4)):
        a, b = int(first[col]), int(last[col])
        growth = (b - a) * 100.0 / a
        ok = growth < 5.0
        verdict &= ok
        print("%-14s %s -> %s: %+.1f %% %s" % (name, first[0], last[0], growth, "ok" if ok else "OVER 5 %"))
else:
    verdict = False
    print("no sample after warm-up and at the end: the run stopped early")
if run:
    m = run["messages"]
    print("messages       sent %d, acked %d, delivered %d, lost %d, duplicated %d, out of order %d, seq gaps %d;"
          " harness verdict %s (exit %d)" % (m["sent"], m["acked"], m["delivered"], m["unaccounted"], m["duplicated"],
          m["outOfOrder"], m["seqGaps"], run["verdict"], hrc))
verdict &= hrc in (0, 2)
if hrc == 2:
    print("note           the harness fell behind its schedule at times (see its log): latency includes that lag")
print("leak reports   %d" % leaks)
verdict &= leaks == 0
print("fds            start %s, after the harness closed %s" % (by["start"][4], by.get("after", ["?"] * 5)[4]))
print("VERDICT        " + ("PASS" if verdict else "FAIL"))
sys.exit(0 if verdict else 1)
EOF
