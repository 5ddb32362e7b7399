#!/usr/bin/env bash
# Web chat load target (issue: 1,000 concurrent WebSocket conversations, reply p99 <= 50 ms from the client's POST to the
# activity on the stream). Builds the host in Release, starts it on 127.0.0.1 with a fresh data directory, and runs
# bench/webchat-load/load.mjs (Node + ws) against it. Loopback only; bounded in count and time.
#
#   bench/webchat-load.sh                          # 1,000 conversations, 3,000 messages at 100/s
#   CONVERSATIONS=1000 MESSAGES=3000 RATE=100 bench/webchat-load.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$ROOT/bench/common.sh"
trap cleanup EXIT

PORT=${WEBCHAT_PORT:-5190}
command -v node >/dev/null || { echo "node not found (Debian: apt-get install -y nodejs npm)" >&2; exit 1; }
# 1,000 sockets plus HTTP connections on both ends of loopback.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
build_release
(cd "$ROOT/bench/webchat-load" && npm ci --no-audit --no-fund --loglevel=error)

# All conversations come from one address here, so the per-address budgets are raised for this run only (configuration,
# not code: the defaults stay 30 new conversations and 1,200 Direct Line requests per minute and address).
start_app chatcare "$CHATCARE_DLL" "$PORT" \
    ChatCare__DataDirectory="$WORK_DIR/data" \
    ChatCare__WebChat__TokensPerMinutePerIp=1000000 \
    ChatCare__Channels__DirectLine__PermitsPerMinutePerIp=1000000 \
    Logging__LogLevel__Default=Warning
wait_health ChatCare "$PORT" "$APP_PID"

node "$ROOT/bench/webchat-load/load.mjs" "http://127.0.0.1:$PORT"
echo "ChatCare RSS after the run: $(rss_mb "$APP_PID") MB"
