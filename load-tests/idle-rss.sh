#!/usr/bin/env bash
# The embedded engine's idle memory, as `npm start` runs it: a fresh PGlite directory with the demo tenant
# seeded on first start, nothing connected. Measures two starts: the first (migrations and the demo seed run
# in the process) and a restart on the same directory (what a returning user runs). For each, the RSS when
# /health first answers 200 and after IDLE_SECONDS (default 60) more. Last line: one JSON object.
# Uses the built dist/apps/switchboard/main.js.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
ENTRY="$ROOT/dist/apps/switchboard/main.js"
[[ -f "$ENTRY" ]] || {
  echo "[idle-rss] $ENTRY is missing: npm run build" >&2
  exit 2
}

DIR="$(mktemp -d /tmp/switchboard-idle.XXXXXX)"
PID=""
stop() {
  [[ -n "$PID" ]] || return 0
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PID=""
}
trap 'stop; rm -rf "$DIR"' EXIT

rss_mb() { awk '/^VmRSS:/{printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }

# measure <label>: prints "<ready seconds> <rss at ready> <rss after IDLE_SECONDS>"
measure() {
  local port started
  port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  env -u KAFKA_BROKERS -u DATABASE_URL HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warn PGLITE_DATA_DIR="$DIR/pglite" \
    node "$ENTRY" >>"$DIR/engine.log" 2>&1 &
  PID=$!
  started=$SECONDS
  until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "http://127.0.0.1:$port/health"; do
    kill -0 "$PID" 2>/dev/null || {
      cat "$DIR/engine.log" >&2
      exit 1
    }
    sleep 0.2
  done
  local ready=$((SECONDS - started)) at_ready
  at_ready="$(rss_mb)"
  echo "[idle-rss] $1: ready after ~${ready}s with ${at_ready} MB" >&2
  sleep "$IDLE_SECONDS"
  echo "[idle-rss] $1: ${IDLE_SECONDS}s later $(rss_mb) MB" >&2
  echo "$ready $at_ready $(rss_mb)"
  stop
}

read -r first_ready first_at first_idle <<<"$(measure 'first start')"
read -r again_ready again_at again_idle <<<"$(measure 'restart')"
printf '{"first_start_ready_s":%s,"first_start_rss_mb":%s,"first_start_idle_rss_mb":%s,' "$first_ready" "$first_at" "$first_idle"
printf '"restart_ready_s":%s,"restart_rss_mb":%s,"restart_idle_rss_mb":%s,"idle_seconds":%s}\n' "$again_ready" "$again_at" "$again_idle" "$IDLE_SECONDS"
