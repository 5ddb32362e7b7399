#!/usr/bin/env bash
# Throughput of ChatCare's POST /api/messages against a bare ASP.NET Core app that only (de)serialises the same
# Activity JSON (bench/Baseline), with identical wrk settings, one after the other in one run. Loopback only.
#
#   bench/load.sh                      # -t2 -c64 -d20s, 10,000 conversation ids
#   THREADS=2 CONNECTIONS=64 DURATION=20s WARMUP=30s CONVERSATIONS=10000 bench/load.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/common.sh"
trap cleanup EXIT

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}
# Steady state, not start-up: ChatCare's tiered compilation (tier 0, instrumented, tier 1 with PGO) over ML.NET, Lucene,
# LiteDB and the engine takes some 20 s of load to settle. After a 5 s warm-up it measured 2,600-3,300 req/s; after
# 25 s, 4,500-4,600 (same build, same machine). The bare baseline settles in a few seconds either way.
WARMUP=${WARMUP:-30s}
# wrk drops responses slower than its timeout (2 s by default) from the latency figures; 10 s keeps a slow app honest.
TIMEOUT=${TIMEOUT:-10s}
CONVERSATIONS=${CONVERSATIONS:-10000}
CHATCARE_PORT=${CHATCARE_PORT:-5180}
BASELINE_PORT=${BASELINE_PORT:-5181}

command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install -y wrk)" >&2; exit 1; }
build_release with-baseline

# Fresh LiteDB file for every run, so earlier runs' conversations do not count.
start_app chatcare "$CHATCARE_DLL" "$CHATCARE_PORT" ChatCare__DataDirectory="$WORK_DIR/data"
CHATCARE_PID=$APP_PID
start_app baseline "$BASELINE_DLL" "$BASELINE_PORT"
BASELINE_PID=$APP_PID
wait_health ChatCare "$CHATCARE_PORT" "$CHATCARE_PID"
wait_health Baseline "$BASELINE_PORT" "$BASELINE_PID"

# run_wrk NAME PORT: a warm-up run (JIT, tiered compilation, connection pools), then the measured run; sets RPS and prints wrk's report.
run_wrk() {
    local name=$1 port=$2 out
    echo
    echo "== $name: warm-up $WARMUP, then wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT over $CONVERSATIONS conversation ids"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout "$TIMEOUT" -s "$ROOT/bench/messages.lua" "http://127.0.0.1:$port" \
        -- "$CONVERSATIONS" warm "$THREADS" >/dev/null
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" --latency -s "$ROOT/bench/messages.lua" "http://127.0.0.1:$port" \
        -- "$CONVERSATIONS" load "$THREADS")
    echo "$out"
    RESULT_LINE=$(grep '^RESULT' <<<"$out")
    RPS=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$RESULT_LINE")
    NON200=$(sed -E 's/.* non200=([0-9]+).*/\1/' <<<"$RESULT_LINE")
    if [[ "$NON200" != 0 ]]; then echo "WARNING: $name answered $NON200 requests with a non-200 status" >&2; fi
}

run_wrk ChatCare "$CHATCARE_PORT"
CHATCARE_RPS=$RPS; CHATCARE_RESULT=$RESULT_LINE
CHATCARE_RSS=$(rss_mb "$CHATCARE_PID")
run_wrk Baseline "$BASELINE_PORT"
BASELINE_RPS=$RPS; BASELINE_RESULT=$RESULT_LINE

echo
echo "== Summary (wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores)"
printf '%-10s %12s   %s\n' app 'requests/s' 'details'
printf '%-10s %12s   %s\n' ChatCare "$CHATCARE_RPS" "${CHATCARE_RESULT#RESULT }"
printf '%-10s %12s   %s\n' Baseline "$BASELINE_RPS" "${BASELINE_RESULT#RESULT }"
awk -v c="$CHATCARE_RPS" -v b="$BASELINE_RPS" 'BEGIN { printf "ChatCare / baseline = %.3f (%.1f%% of the bare ASP.NET Core throughput)\n", c / b, 100 * c / b }'
echo "ChatCare VmRSS after its run: ${CHATCARE_RSS} MB"
