#!/usr/bin/env bash
# Resident memory of ChatCare after 10,000 distinct conversations of 2 messages each through POST /api/messages.
# One curl process per pass (--parallel), so the client is light: pass 1 sends every conversation an FAQ question,
# pass 2 sends every conversation "sí, gracias". Then VmRSS (and the peak, VmHWM) is read from /proc/<pid>/status.
#
#   bench/memory.sh
#   CONVERSATIONS=10000 PARALLEL=16 bench/memory.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/common.sh"
trap cleanup EXIT

CONVERSATIONS=${CONVERSATIONS:-10000}
PARALLEL=${PARALLEL:-16}
PORT=${CHATCARE_PORT:-5182}
TARGET_MB=${TARGET_MB:-300}

build_release
start_app chatcare "$CHATCARE_DLL" "$PORT" ChatCare__DataDirectory="$WORK_DIR/data"
PID=$APP_PID
wait_health ChatCare "$PORT" "$PID"
echo "VmRSS after start-up: $(rss_mb "$PID") MB"

# curl config: one block per request (options reset at each `next`).
write_pass() {
    local pass=$1 text=$2
    awk -v n="$CONVERSATIONS" -v pass="$pass" -v text="$text" -v port="$PORT" 'BEGIN {
        for (i = 0; i < n; i++) {
            printf "url = \"http://127.0.0.1:%s/api/messages\"\n", port
            print "header = \"Content-Type: application/json\""
            printf "data-binary = \"{\\\"type\\\":\\\"message\\\",\\\"id\\\":\\\"mem-%05d-%d\\\",\\\"channelId\\\":\\\"directline\\\",", i, pass
            printf "\\\"deliveryMode\\\":\\\"expectReplies\\\",\\\"locale\\\":\\\"es-PE\\\",\\\"conversation\\\":{\\\"id\\\":\\\"mem-%05d\\\"},", i
            printf "\\\"from\\\":{\\\"id\\\":\\\"user-%05d\\\",\\\"role\\\":\\\"user\\\"},\\\"recipient\\\":{\\\"id\\\":\\\"bot\\\"},\\\"text\\\":\\\"%s\\\"}\"\n", i, text
            print "output = \"/dev/null\""
            print "write-out = \"%{http_code}\\n\""
            print "max-time = 30"
            if (i < n - 1) print "next"
        }
    }' >"$WORK_DIR/pass$pass.curl"
}

run_pass() {
    local pass=$1 text=$2 start end
    write_pass "$pass" "$text"
    start=$(date +%s.%N)
    curl --silent --no-progress-meter --show-error --parallel --parallel-max "$PARALLEL" -K "$WORK_DIR/pass$pass.curl" >"$WORK_DIR/pass$pass.codes" 2>"$WORK_DIR/pass$pass.err" || true
    end=$(date +%s.%N)
    echo "Pass $pass (\"$text\" to $CONVERSATIONS conversations, $PARALLEL in parallel): $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s," \
        "status codes: $(sort "$WORK_DIR/pass$pass.codes" | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')"
    echo "VmRSS after pass $pass: $(rss_mb "$PID") MB"
}

run_pass 1 "¿cuánto cuesta el envío?"
run_pass 2 "sí, gracias"

sleep 2
RSS=$(rss_mb "$PID")
HWM=$(rss_mb "$PID" VmHWM:)
DB_MB=$(du -sm "$WORK_DIR/data" | cut -f1)
echo
echo "== ChatCare after $CONVERSATIONS conversations × 2 messages"
echo "VmRSS: $RSS MB (peak VmHWM: $HWM MB; target <= $TARGET_MB MB). LiteDB data directory: $DB_MB MB."
awk -v r="$RSS" -v t="$TARGET_MB" 'BEGIN { if (r > t) { print "RSS target MISSED"; exit 0 } print "RSS target met" }'
