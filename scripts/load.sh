#!/usr/bin/env bash
# `npm run load`: one-command load test. Builds k6 (once, cached) and the engine (when the sources changed),
# starts the engine on a free loopback port, runs load-tests/contacts-and-offers.k6.js against it, prints
# k6's summary and a per-window report, stops the engine, and exits with k6's status (non-zero when a
# threshold failed).
#
# Target: the embedded default (in-process bus, PGlite in a fresh temp directory, demo tenant seeded on
# first start), or, when KAFKA_BROKERS and DATABASE_URL are both set, those servers: the demo tenant is
# seeded there first with `npm run db:seed` and a freshly generated integrator key.
#
# Parameters (environment):
#   LOAD_RATE=50          contacts per second posted by the integrators
#   LOAD_DURATION=45s     how long the integrators post
#   LOAD_AGENTS=<all>     agents connected (agent1..N@demo.test); default: every seeded agent
#   LOAD_THINK_MS=1000    how long an agent works a conversation before resolving it
#   LOAD_WARMUP=8s        agents log in and go available before the first contact
#   LOAD_DRAIN=10s        agents stay connected after the last contact so the backlog can clear
#   LOAD_OFFER_P95_MS     optional: also fail when the offer latency p95 is above this (ms)
#   LOAD_RESULTS_DIR      where logs, k6 samples and the report go (default: a new /tmp/switchboard-load.* dir)
#   LOAD_ENGINE_LOG_LEVEL=warn
#   K6_VERSION=v1.8.1     built with `go install go.k6.io/k6@$K6_VERSION` into $SWITCHBOARD_TOOLS_DIR/bin
#   SWITCHBOARD_TOOLS_DIR=$HOME/.cache/switchboard
# On real servers the engine uses KAFKA_TOPIC_PREFIX (default `load.`) and ROUTER_GROUP_ID (default
# switchboard-load), so it does not join the consumer group of a router already running there; JWT_SECRET
# is generated unless set. Seeding converges the `demo` tenant in DATABASE_URL (it adds, never deletes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

K6_VERSION="${K6_VERSION:-v1.8.1}"
TOOLS_DIR="${SWITCHBOARD_TOOLS_DIR:-$HOME/.cache/switchboard}"
K6="$TOOLS_DIR/bin/k6"
export LOAD_RATE="${LOAD_RATE:-50}"
export LOAD_DURATION="${LOAD_DURATION:-45s}"
export LOAD_THINK_MS="${LOAD_THINK_MS:-1000}"
export LOAD_WARMUP="${LOAD_WARMUP:-8s}"
export LOAD_DRAIN="${LOAD_DRAIN:-10s}"
ENGINE_LOG_LEVEL="${LOAD_ENGINE_LOG_LEVEL:-warn}"
ENTRY="$ROOT/dist/apps/switchboard/main.js"

log() { printf '[load] %s\n' "$*" >&2; }
die() {
  printf '[load] error: %s\n' "$*" >&2
  exit 2
}

# ---- k6 ---------------------------------------------------------------------------------------------------
ensure_k6() {
  if [[ -x "$K6" ]] && "$K6" version 2>/dev/null | grep -q "k6 ${K6_VERSION}\b"; then return; fi
  command -v go >/dev/null || die "k6 is missing and Go is not installed to build it (go install go.k6.io/k6@$K6_VERSION)"
  log "building k6 $K6_VERSION with $(go version | awk '{print $3}') into $TOOLS_DIR/bin (first run: a few minutes)"
  mkdir -p "$TOOLS_DIR/bin"
  local gobin
  gobin="$(mktemp -d "$TOOLS_DIR/bin/.k6-build.XXXXXX")"
  if ! CGO_ENABLED=0 GOBIN="$gobin" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "go.k6.io/k6@$K6_VERSION"; then
    rm -rf "$gobin"
    die "go install go.k6.io/k6@$K6_VERSION failed"
  fi
  mv -f "$gobin/k6" "$K6"
  rm -rf "$gobin"
  "$K6" version >&2
}

# ---- engine build -----------------------------------------------------------------------------------------
ensure_engine() {
  if [[ ! -f node_modules/.package-lock.json ]]; then
    log "installing dependencies"
    npm ci --no-audit --no-fund
  fi
  [[ -f libs/persistence/src/generated/prisma/client.ts ]] || npm run prisma:generate
  local stale=""
  if [[ ! -f "$ENTRY" ]]; then
    stale="missing"
  else
    stale="$(find apps libs -path '*/generated' -prune -o -type f -newer "$ENTRY" -print -quit)"
  fi
  if [[ -n "$stale" ]]; then
    log "building the engine (npm run build)"
    npm run build
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for_health() {
  local url="$1" deadline=$((SECONDS + 120))
  until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$url"; do
    kill -0 "$ENGINE_PID" 2>/dev/null || {
      tail -n 40 "$RESULTS/engine.log" >&2
      die "the engine exited before it was ready (log: $RESULTS/engine.log)"
    }
    ((SECONDS < deadline)) || die "the engine was not ready within 120 s (log: $RESULTS/engine.log)"
    sleep 0.5
  done
}

generate_api_key() {
  # shellcheck disable=SC2016 # the backticks are a JavaScript template literal
  node -e 'const c=require("crypto");console.log(`sb_${c.randomBytes(6).toString("hex")}_${c.randomBytes(32).toString("base64url")}`)'
}

# Samples every 2 s: epoch_ms, the engine's CPU ticks and RSS (kB), and the whole machine's busy and total
# ticks (other processes, k6 included, share the cores and skew the figures).
sample_engine() {
  local pid="$1" out="$2"
  while kill -0 "$pid" 2>/dev/null; do
    local stat rss machine
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || break
    stat="${stat##*) }"
    rss="$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
    machine="$(awk '/^cpu /{busy=$2+$3+$4+$7+$8+$9; print busy, busy+$5+$6; exit}' /proc/stat)"
    # After the comm field: state is field 1, utime 12, stime 13.
    awk -v now="$(date +%s%3N)" -v rss="$rss" -v machine="$machine" '{print now, $12 + $13, rss, machine}' <<<"$stat" >>"$out"
    sleep 2
  done
}

ENGINE_PID=""
SAMPLER_PID=""
stop_engine() {
  if [[ -n "$SAMPLER_PID" ]]; then
    kill "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  fi
  if [[ -n "$ENGINE_PID" ]] && kill -0 "$ENGINE_PID" 2>/dev/null; then
    kill -TERM "$ENGINE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$ENGINE_PID" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$ENGINE_PID" 2>/dev/null || true
    wait "$ENGINE_PID" 2>/dev/null || true
  fi
  ENGINE_PID=""
}
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  stop_engine
  # The embedded database is scratch; the logs, samples and report stay.
  [[ -n "${RESULTS:-}" && -d "$RESULTS/data" ]] && rm -rf "$RESULTS/data"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- main -------------------------------------------------------------------------------------------------
ensure_k6
ensure_engine

RESULTS="${LOAD_RESULTS_DIR:-$(mktemp -d /tmp/switchboard-load.XXXXXX)}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
PORT="$(free_port)"
BASE_URL="http://127.0.0.1:$PORT"

engine_env=(
  HOST=127.0.0.1
  PORT="$PORT"
  LOG_LEVEL="$ENGINE_LOG_LEVEL"
  # The harness logs every agent in within a second and posts far above the default ingest limit.
  RATE_LIMIT_LOGIN_PER_MINUTE=100000
  RATE_LIMIT_INGEST_PER_SECOND=100000
)

if [[ -n "${KAFKA_BROKERS:-}" && -n "${DATABASE_URL:-}" ]]; then
  TARGET="Kafka $KAFKA_BROKERS + PostgreSQL"
  export JWT_SECRET="${JWT_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')}"
  API_KEY="$(generate_api_key)"
  log "seeding the demo tenant on $TARGET (npm run db:seed)"
  SEED_API_KEY="$API_KEY" npm run --silent db:seed 2>&1 | tee "$RESULTS/seed.log" >&2
  SEEDED_AGENTS="$(sed -n 's/.* \([0-9][0-9]*\) agents,.*/\1/p' "$RESULTS/seed.log" | head -n 1)"
  # Own topics and consumer group unless told otherwise, so a router already running on these servers
  # neither shares the partitions nor routes the load.
  engine_env+=(
    SEED_DEMO=false
    KAFKA_TOPIC_PREFIX="${KAFKA_TOPIC_PREFIX:-load.}"
    ROUTER_GROUP_ID="${ROUTER_GROUP_ID:-switchboard-load}"
  )
  env_unset=()
elif [[ -n "${KAFKA_BROKERS:-}" || -n "${DATABASE_URL:-}" ]]; then
  die "set both KAFKA_BROKERS and DATABASE_URL to load real servers, or neither for the embedded default"
else
  TARGET="embedded default (in-process bus, PGlite)"
  engine_env+=(PGLITE_DATA_DIR="$RESULTS/data/pglite" SEED_DEMO=true)
  env_unset=(-u KAFKA_BROKERS -u DATABASE_URL)
fi

log "starting the engine on $BASE_URL against the $TARGET; results in $RESULTS"
env "${env_unset[@]}" "${engine_env[@]}" node --enable-source-maps "$ENTRY" >"$RESULTS/engine.log" 2>&1 &
ENGINE_PID=$!
wait_for_health "$BASE_URL/health"

if [[ -z "${API_KEY:-}" ]]; then
  CREDS="$RESULTS/data/demo-credentials.txt"
  [[ -f "$CREDS" ]] || die "the engine did not write $CREDS (log: $RESULTS/engine.log)"
  API_KEY="$(sed -n 's/^Integrator API key: //p' "$CREDS")"
  SEEDED_AGENTS="$(sed -n 's/.*seeded: \([0-9][0-9]*\) agents.*/\1/p' "$CREDS")"
fi
[[ "$API_KEY" == sb_* ]] || die "no integrator API key found"
SEEDED_AGENTS="${SEEDED_AGENTS:-20}"
export LOAD_AGENTS="${LOAD_AGENTS:-$SEEDED_AGENTS}"
if ((LOAD_AGENTS > SEEDED_AGENTS)); then
  log "LOAD_AGENTS=$LOAD_AGENTS but only $SEEDED_AGENTS agents are seeded; using $SEEDED_AGENTS"
  LOAD_AGENTS="$SEEDED_AGENTS"
fi

# Other work on the machine shares the cores with the engine and k6: say so, since it skews every figure.
busy_before="$(
  read_cpu() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat; }
  read -r b1 t1 <<<"$(read_cpu)"
  sleep 2
  read -r b2 t2 <<<"$(read_cpu)"
  echo $(((b2 - b1) * 100 * $(nproc) / (t2 - t1 > 0 ? t2 - t1 : 1)))
)"
if ((busy_before > 30)); then
  log "note: before the run the machine was already ${busy_before}% busy (of $(($(nproc) * 100))%); expect noisy figures"
fi

sample_engine "$ENGINE_PID" "$RESULTS/engine-usage.txt" &
SAMPLER_PID=$!

log "k6 $K6_VERSION: $LOAD_AGENTS agents, $LOAD_RATE contacts/s for $LOAD_DURATION (warm-up $LOAD_WARMUP, drain $LOAD_DRAIN, think ${LOAD_THINK_MS} ms)"
set +e
K6_NO_USAGE_REPORT=true "$K6" run \
  --no-color \
  --no-usage-report \
  --quiet \
  --summary-export "$RESULTS/summary.json" \
  --out "json=$RESULTS/samples.json" \
  -e BASE_URL="$BASE_URL" \
  -e API_KEY="$API_KEY" \
  -e TENANT=demo \
  -e AGENT_EMAIL_TEMPLATE='agent{n}@demo.test' \
  -e AGENT_PASSWORD="${SEED_PASSWORD:-switchboard}" \
  -e LOAD_AGENTS="$LOAD_AGENTS" \
  -e LOAD_RATE="$LOAD_RATE" \
  -e LOAD_DURATION="$LOAD_DURATION" \
  -e LOAD_WARMUP="$LOAD_WARMUP" \
  -e LOAD_DRAIN="$LOAD_DRAIN" \
  -e LOAD_THINK_MS="$LOAD_THINK_MS" \
  -e LOAD_OFFER_P95_MS="${LOAD_OFFER_P95_MS:-}" \
  load-tests/contacts-and-offers.k6.js 2> >(tee "$RESULTS/k6.log" >&2)
K6_STATUS=$?
set -e

curl_metrics() { node -e 'fetch(process.argv[1]).then(r=>r.text()).then(t=>process.stdout.write(t),()=>{})' "$1"; }
curl_metrics "$BASE_URL/metrics" >"$RESULTS/metrics.txt" || true
stop_engine

node load-tests/report.mjs "$RESULTS" || log "the report could not be built"
log "k6 exited with $K6_STATUS; logs, samples and report in $RESULTS"
exit "$K6_STATUS"
