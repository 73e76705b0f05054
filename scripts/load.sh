#!/usr/bin/env bash
# `npm run load`: one-command load test. Builds k6 (once, cached) and the engine (when the sources changed),
# seeds the demo tenant with LOAD_AGENTS agents, starts the engine on free loopback ports, runs
# load-tests/contacts-and-offers.k6.js against it, stops the engine, checks the database (nothing lost,
# duplicated, double-assigned or over capacity), and prints a report whose last line is one JSON object.
# Exits non-zero when a k6 threshold failed or the database check found a violation.
#
# Target: the embedded default (in-process bus, PGlite in a fresh directory, one `switchboard` process), or,
# when KAFKA_BROKERS and DATABASE_URL are both set, those servers with the router and the gateway as two
# processes. On servers every run gets a fresh database on that PostgreSQL (sb_load_<hex>) and its own topic
# prefix and consumer group (load.<run>.); both are removed afterwards (LOAD_KEEP_DB=1 keeps the database).
#
# Parameters (environment):
#   LOAD_RATE=50          contacts per second posted by the integrators
#   LOAD_DURATION=45s     how long the integrators post
#   LOAD_AGENTS=20        agents seeded and connected (agent1..N@demo.test; the demo seed has 20, more are added)
#   LOAD_AGENT_DRIVER=node  who holds the agents' sockets: node (load-tests/agent-pool.driver.ts, one process,
#                         socket.io-client) or k6 (one VU per agent); k6 posts the contacts either way
#   LOAD_THINK_MS=1000    how long an agent works a conversation before resolving it
#   LOAD_LOGIN_RAMP       agents log in spread over this long (default: 5 ms per agent, 25 s for 5,000)
#   LOAD_WARMUP           k6 driver: before the first contact (default: 8 s plus the login ramp)
#   LOAD_NODE_WARMUP=3s   node driver: from every agent ready to the first contact (the logins come first)
#   LOAD_DRAIN=10s        agents stay connected after the last contact so the backlog can clear
#   LOAD_OFFER_P95_MS     optional: also fail when the offer latency p95 is above this (ms)
#   LOAD_RESULTS_DIR      where logs, samples and the report go (default: a new /tmp/switchboard-load.* dir)
#   LOAD_ENGINE_LOG_LEVEL=warn
#   LOAD_BUILD=auto       auto: build when dist is missing or older than the sources; never; always
#   LOAD_KEEP_DB=0        servers only: keep the run's database for inspection
#   LOAD_CPU_PROFILE=0    1: profile the engine's processes; <name>-<pid>.cpuprofile lands in the results dir
#   K6_VERSION=v1.8.1     built with `go install go.k6.io/k6@$K6_VERSION` into $SWITCHBOARD_TOOLS_DIR/bin
#   SWITCHBOARD_TOOLS_DIR=$HOME/.cache/switchboard
# The targets of the performance work: LOAD_RATE=1000 LOAD_DURATION=5m LOAD_AGENTS=5000 (docs/performance.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

K6_VERSION="${K6_VERSION:-v1.8.1}"
TOOLS_DIR="${SWITCHBOARD_TOOLS_DIR:-$HOME/.cache/switchboard}"
K6="$TOOLS_DIR/bin/k6"
TSX="$ROOT/node_modules/.bin/tsx"
export LOAD_RATE="${LOAD_RATE:-50}"
export LOAD_DURATION="${LOAD_DURATION:-45s}"
export LOAD_AGENTS="${LOAD_AGENTS:-20}"
export LOAD_THINK_MS="${LOAD_THINK_MS:-1000}"
export LOAD_LOGIN_RAMP="${LOAD_LOGIN_RAMP:-$((LOAD_AGENTS * 5))ms}"
export LOAD_WARMUP="${LOAD_WARMUP:-$((8000 + LOAD_AGENTS * 5))ms}"
export LOAD_DRAIN="${LOAD_DRAIN:-10s}"
# Measured at 5,000 agents (docs/performance.md, "End to end at the target shape"): the Node driver holds them
# for a fraction of k6's CPU and memory.
LOAD_AGENT_DRIVER="${LOAD_AGENT_DRIVER:-node}"
ENGINE_LOG_LEVEL="${LOAD_ENGINE_LOG_LEVEL:-warn}"

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
  local entry="$ROOT/dist/apps/switchboard/main.js" stale=""
  case "${LOAD_BUILD:-auto}" in
    never) [[ -f "$entry" ]] || die "$entry is missing and LOAD_BUILD=never" ;;
    always) stale="always" ;;
    *)
      for app in switchboard router gateway; do [[ -f "$ROOT/dist/apps/$app/main.js" ]] || stale="missing"; done
      [[ -n "$stale" ]] || stale="$(find apps libs -path '*/generated' -prune -o -type f -newer "$entry" -print -quit)"
      ;;
  esac
  if [[ -n "$stale" ]]; then
    log "building the engine (npm run build)"
    npm run build
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

random_hex() { node -e "console.log(require('crypto').randomBytes($1).toString('hex'))"; }

generate_api_key() {
  # shellcheck disable=SC2016 # the backticks are a JavaScript template literal
  node -e 'const c=require("crypto");console.log(`sb_${c.randomBytes(6).toString("hex")}_${c.randomBytes(32).toString("base64url")}`)'
}

# ---- processes ----------------------------------------------------------------------------------------------
declare -A PIDS=()
SAMPLERS=()

# start_role <name> <app> <port> [env...]: runs dist/apps/<app>/main.js with the common and given environment.
start_role() {
  local name="$1" app="$2" port="$3"
  shift 3
  local profile=()
  [[ "${LOAD_CPU_PROFILE:-0}" == 1 ]] && profile=(--import "$ROOT/load-tests/cpu-profile.preload.mjs")
  # The router runs with the young generation `npm run start:router` gives it (docs/performance.md).
  [[ "$app" == router ]] && profile+=(--max-semi-space-size=64)
  env "${env_unset[@]}" "${common_env[@]}" "$@" HOST=127.0.0.1 PORT="$port" \
    LOAD_CPU_PROFILE_DIR="$RESULTS" LOAD_CPU_PROFILE_NAME="$name" \
    node --enable-source-maps "${profile[@]}" "$ROOT/dist/apps/$app/main.js" >"$RESULTS/$name.log" 2>&1 &
  PIDS[$name]=$!
  wait_for_health "$name" "http://127.0.0.1:$port/health"
}

wait_for_health() {
  local name="$1" url="$2" deadline=$((SECONDS + 120))
  until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))' "$url"; do
    kill -0 "${PIDS[$name]}" 2>/dev/null || {
      tail -n 40 "$RESULTS/$name.log" >&2
      die "the $name exited before it was ready (log: $RESULTS/$name.log)"
    }
    ((SECONDS < deadline)) || die "the $name was not ready within 120 s (log: $RESULTS/$name.log)"
    sleep 0.5
  done
}

rss_mb() { awk '/^VmRSS:/{printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples every 2 s: epoch_ms, the process's CPU ticks and RSS (kB), and the whole machine's busy and total
# ticks (other processes, k6 included, share the cores and skew the figures).
sample_process() {
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

stop_pid() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  local pid name
  for pid in "${SAMPLERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  SAMPLERS=()
  # The gateway before the router, so no command is accepted that no router will read.
  for name in k6 agents gateway engine router; do
    [[ -n "${PIDS[$name]:-}" ]] && stop_pid "${PIDS[$name]}"
    unset "PIDS[$name]"
  done
  return 0
}

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
  stop_all
  if [[ "$MODE" == servers ]]; then
    [[ -n "${TOPIC_PREFIX:-}" ]] && "$TSX" load-tests/load-scratch.ts drop-topics "$KAFKA_BROKERS" "$TOPIC_PREFIX" >&2 || true
    if [[ -n "${LOAD_DB_URL:-}" && "${LOAD_KEEP_DB:-0}" != 1 ]]; then
      "$TSX" load-tests/load-scratch.ts drop-db "$LOAD_DB_URL" >&2 || true
    fi
  fi
  # The embedded database is scratch; the logs, samples and report stay.
  [[ -n "${RESULTS:-}" && -d "$RESULTS/data" ]] && rm -rf "$RESULTS/data"
  return 0
}

# ---- main -------------------------------------------------------------------------------------------------
case "$LOAD_AGENT_DRIVER" in
  node | k6) ;;
  *) die "LOAD_AGENT_DRIVER must be node or k6, not $LOAD_AGENT_DRIVER" ;;
esac
MODE=embedded
if [[ -n "${KAFKA_BROKERS:-}" && -n "${DATABASE_URL:-}" ]]; then
  MODE=servers
elif [[ -n "${KAFKA_BROKERS:-}" || -n "${DATABASE_URL:-}" ]]; then
  die "set both KAFKA_BROKERS and DATABASE_URL to load real servers, or neither for the embedded default"
fi
trap cleanup EXIT
trap 'exit 130' INT TERM

ensure_k6
ensure_engine

RESULTS="${LOAD_RESULTS_DIR:-$(mktemp -d /tmp/switchboard-load.XXXXXX)}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
RUN="$(random_hex 4)"
API_KEY="$(generate_api_key)"
# Made up for this run, like the key: the engine has no well-known password.
AGENT_PASSWORD="load-$(random_hex 12)"
common_env=(
  LOG_LEVEL="$ENGINE_LOG_LEVEL"
  # The harness logs every agent in within the warm-up and posts far above the default ingest limit, all
  # from one address; its agents answer offers at machine speed.
  RATE_LIMIT_LOGIN_PER_MINUTE=1000000
  RATE_LIMIT_INGEST_PER_SECOND=1000000
  RATE_LIMIT_IP_PER_SECOND=1000000
  RATE_LIMIT_SOCKET_EVENTS_PER_SECOND=1000000
  RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND=1000000
)

if [[ "$MODE" == servers ]]; then
  TARGET="Kafka $KAFKA_BROKERS + PostgreSQL"
  LOAD_DB_URL="$("$TSX" load-tests/load-scratch.ts create-db "$DATABASE_URL")"
  TOPIC_PREFIX="load.$RUN."
  db_env=(DATABASE_URL="$LOAD_DB_URL")
  env_unset=()
  common_env+=(
    "${db_env[@]}"
    KAFKA_BROKERS="$KAFKA_BROKERS"
    JWT_SECRET="${JWT_SECRET:-$(random_hex 32)}"
    KAFKA_TOPIC_PREFIX="$TOPIC_PREFIX"
    ROUTER_GROUP_ID="load-$RUN"
    MIGRATE_ON_BOOT=false
  )
else
  TARGET="embedded default (in-process bus, PGlite)"
  db_env=(PGLITE_DATA_DIR="$RESULTS/data/pglite")
  env_unset=(-u KAFKA_BROKERS -u DATABASE_URL)
  common_env+=("${db_env[@]}" SEED_DEMO=false)
fi

log "seeding the demo tenant and $LOAD_AGENTS agents on the $TARGET; results in $RESULTS"
env "${env_unset[@]}" "${db_env[@]}" LOAD_AGENTS="$LOAD_AGENTS" SEED_DEMO_API_KEY="$API_KEY" \
  SEED_DEMO_PASSWORD="$AGENT_PASSWORD" \
  "$TSX" load-tests/seed-load.ts >"$RESULTS/seed.json"
SEEDED_AGENTS="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).agents)' "$RESULTS/seed.json")"
((LOAD_AGENTS <= SEEDED_AGENTS)) || die "only $SEEDED_AGENTS agents could be seeded"

if [[ "$MODE" == servers ]]; then
  # The router first: it creates the topics the gateway subscribes to.
  start_role router router "$(free_port)"
  GATEWAY_PORT="$(free_port)"
  start_role gateway gateway "$GATEWAY_PORT"
  PROCESSES=(router gateway)
else
  GATEWAY_PORT="$(free_port)"
  start_role engine switchboard "$GATEWAY_PORT"
  PROCESSES=(engine)
fi
BASE_URL="http://127.0.0.1:$GATEWAY_PORT"

# Idle memory: booted and ready, nothing connected yet.
sleep "${LOAD_IDLE_SETTLE_S:-5}"
idle_json="{"
for name in "${PROCESSES[@]}"; do
  idle_json+="\"$name\":$(rss_mb "${PIDS[$name]}"),"
  sample_process "${PIDS[$name]}" "$RESULTS/$name-usage.txt" &
  SAMPLERS+=($!)
done
idle_json="${idle_json%,}}"
log "idle RSS (MB) before the run: $idle_json"

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

cat >"$RESULTS/meta.json" <<EOF
{"mode":"$MODE","rate":$LOAD_RATE,"duration":"$LOAD_DURATION","agents":$LOAD_AGENTS,
 "agentDriver":"$LOAD_AGENT_DRIVER",
 "processes":[$(printf '"%s",' "${PROCESSES[@]}")"k6"$([[ $LOAD_AGENT_DRIVER == node ]] && echo ',"agents"')],"idleRssMb":$idle_json,"busyBeforePct":$busy_before}
EOF

K6_WARMUP="$LOAD_WARMUP"
[[ "$LOAD_AGENT_DRIVER" == node ]] && K6_WARMUP="${LOAD_NODE_WARMUP:-3s}"
log "k6 $K6_VERSION posting, $LOAD_AGENT_DRIVER holding $LOAD_AGENTS agents (login ramp $LOAD_LOGIN_RAMP), $LOAD_RATE contacts/s for $LOAD_DURATION (warm-up $K6_WARMUP$([[ $LOAD_AGENT_DRIVER == node ]] && echo ' after every agent is in'), drain $LOAD_DRAIN, think ${LOAD_THINK_MS} ms)"
if [[ "$LOAD_AGENT_DRIVER" == node ]]; then
  # The agents log in first (over the ramp); k6 starts once they are all in, with a short warm-up, so the login
  # phase never overlaps the arrivals. The driver holds the sockets for that warm-up, the run and the drain.
  env BASE_URL="$BASE_URL" TENANT=demo AGENT_EMAIL_TEMPLATE='agent{n}@demo.test' AGENT_PASSWORD="$AGENT_PASSWORD" \
    LOAD_RUN_ID="$RUN" LOAD_WARMUP="$K6_WARMUP" node --enable-source-maps --import tsx load-tests/agent-pool.driver.ts \
    "$RESULTS/agents.log" "$RESULTS/agents-summary.json" "$RESULTS/agents.ready" >"$RESULTS/agents-driver.log" 2>&1 &
  PIDS[agents]=$!
  sample_process "${PIDS[agents]}" "$RESULTS/agents-usage.txt" &
  SAMPLERS+=($!)
  until [[ -f "$RESULTS/agents.ready" ]]; do
    kill -0 "${PIDS[agents]}" 2>/dev/null || die "the agent driver exited before its agents were in: $(tail -n 5 "$RESULTS/agents-driver.log")"
    sleep 0.5
  done
  log "$(tail -n 1 "$RESULTS/agents-driver.log")"
fi
K6_NO_USAGE_REPORT=true "$K6" run \
  --no-color \
  --no-usage-report \
  --quiet \
  --summary-export "$RESULTS/summary.json" \
  --console-output "$RESULTS/k6-console.log" \
  -e BASE_URL="$BASE_URL" \
  -e API_KEY="$API_KEY" \
  -e TENANT=demo \
  -e AGENT_EMAIL_TEMPLATE='agent{n}@demo.test' \
  -e AGENT_PASSWORD="$AGENT_PASSWORD" \
  -e LOAD_AGENTS="$LOAD_AGENTS" \
  -e LOAD_RATE="$LOAD_RATE" \
  -e LOAD_DURATION="$LOAD_DURATION" \
  -e LOAD_WARMUP="$K6_WARMUP" \
  -e LOAD_LOGIN_RAMP="$LOAD_LOGIN_RAMP" \
  -e LOAD_DRAIN="$LOAD_DRAIN" \
  -e LOAD_THINK_MS="$LOAD_THINK_MS" \
  -e LOAD_OFFER_P95_MS="${LOAD_OFFER_P95_MS:-}" \
  -e LOAD_AGENT_DRIVER="$LOAD_AGENT_DRIVER" \
  -e LOAD_RUN_ID="$RUN" \
  load-tests/contacts-and-offers.k6.js >"$RESULTS/k6.log" 2>&1 &
PIDS[k6]=$!
sample_process "${PIDS[k6]}" "$RESULTS/k6-usage.txt" &
SAMPLERS+=($!)
set +e
wait "${PIDS[k6]}"
K6_STATUS=$?
set -e
unset "PIDS[k6]"
cat "$RESULTS/k6.log" >&2
if [[ -n "${PIDS[agents]:-}" ]]; then
  # It signs off when the drain ends, about when k6 does; a driver that fails is reported, not fatal.
  wait "${PIDS[agents]}" || log "the agent driver exited with $? (log: $RESULTS/agents-driver.log)"
  unset "PIDS[agents]"
  cat "$RESULTS/agents-driver.log" >&2
fi
if [[ "${LOAD_CPU_PROFILE:-0}" == 1 ]]; then
  for name in "${PROCESSES[@]}"; do
    kill -USR2 "${PIDS[$name]}" 2>/dev/null || continue
    # The process serialises its profile on its own thread; wait for the file (renamed into place when whole).
    for _ in $(seq 1 120); do
      [[ -f "$RESULTS/$name-${PIDS[$name]}.cpuprofile" ]] && break
      sleep 0.5
    done
  done
  log "CPU profiles: $(ls "$RESULTS"/*.cpuprofile 2>/dev/null | tr '\n' ' ')(tsx load-tests/cpu-profile-top.ts <file>)"
fi

node -e 'fetch(process.argv[1]).then(r=>r.text()).then(t=>process.stdout.write(t),()=>{})' \
  "$BASE_URL/metrics" >"$RESULTS/metrics.txt" || true
stop_all

log "checking the database"
CHECK_STATUS=0
if env "${env_unset[@]}" "${db_env[@]}" "$TSX" load-tests/check-database.ts "$RESULTS/k6-console.log" \
  >"$RESULTS/db-check.json" 2>"$RESULTS/check.log"; then
  node -e 'const c=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
    process.exit(c.lost + c.duplicated + c.double_assigned + c.over_capacity === 0 ? 0 : 1)' \
    "$RESULTS/db-check.json" || CHECK_STATUS=1
else
  CHECK_STATUS=1
  rm -f "$RESULTS/db-check.json"
  log "the database check failed: $(tail -n 3 "$RESULTS/check.log")"
fi

log "k6 exited with $K6_STATUS, database check $([[ $CHECK_STATUS == 0 ]] && echo passed || echo FAILED); logs in $RESULTS"
# Last, so the report's JSON line is the last line of the output.
"$TSX" load-tests/load-report.ts "$RESULTS" || log "the report could not be built"
((K6_STATUS != 0)) && exit "$K6_STATUS"
exit "$CHECK_STATUS"
