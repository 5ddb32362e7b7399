# Shared by load.sh, memory.sh and clinc150.sh: Release builds, starting the apps on loopback, waiting for /health, stopping them.
# Source it; it expects ROOT (the repository root) to be set.

CHATCARE_DLL="${CHATCARE_DLL:-$ROOT/src/Bot/Host/bin/Release/net10.0/ChatCare.Bot.dll}"
BASELINE_DLL="$ROOT/bench/Baseline/bin/Release/net10.0/ChatCare.Baseline.dll"
STARTED_PIDS=()
WORK_DIR="$(mktemp -d -t chatcare-bench.XXXXXX)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

build_release() {
    if [[ "${SKIP_BUILD:-0}" == 1 ]]; then return; fi
    echo "== Building Release (set SKIP_BUILD=1 to skip)"
    dotnet build "$ROOT/src/Bot/Host/ChatCare.Bot.csproj" -c Release -v quiet -nologo >/dev/null
    if [[ "${1:-}" == with-baseline ]]; then
        dotnet build "$ROOT/bench/Baseline/Baseline.csproj" -c Release -v quiet -nologo >/dev/null
    fi
}

# start_app NAME DLL PORT [extra env assignments...]: starts the app on 127.0.0.1:PORT, logs to $WORK_DIR/NAME.log, sets APP_PID.
start_app() {
    local name=$1 dll=$2 port=$3
    shift 3
    # The content root is the build output, so each app reads its own appsettings.json (log levels) wherever this runs from.
    env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$(dirname "$dll")" "$@" \
        dotnet "$dll" >"$WORK_DIR/$name.log" 2>&1 &
    APP_PID=$!
    STARTED_PIDS+=("$APP_PID")
}

# wait_health NAME PORT PID [timeout seconds]: polls /health until 200, or fails if the app exits or the timeout passes.
wait_health() {
    local name=$1 port=$2 pid=$3 timeout=${4:-120} waited=0
    until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/health"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name exited during start-up; log:" >&2; tail -n 40 "$WORK_DIR/$name.log" >&2; return 1
        fi
        if (( waited >= timeout )); then
            echo "$name not healthy after ${timeout}s; log:" >&2; tail -n 40 "$WORK_DIR/$name.log" >&2; return 1
        fi
        sleep 1; waited=$((waited + 1))
    done
    echo "$name healthy on 127.0.0.1:$port after ~${waited}s (pid $pid)"
}

# Stops only the processes this script started, by pid, then removes the temporary data.
cleanup() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${STARTED_PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "Kept logs and data in $WORK_DIR"; else rm -rf "$WORK_DIR"; fi
}

rss_mb() {
    awk -v key="${2:-VmRSS:}" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}
