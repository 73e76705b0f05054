# shellcheck shell=bash
# Shared settings and helpers for scripts/services.sh and the helpers next to
# this file. Sourced, never executed; the caller sets `set -euo pipefail`.
# The settings are consumed by postgres.sh and kafka.sh, hence SC2034.
# shellcheck disable=SC2034

# --- Settings (environment overrides) ---------------------------------------
SERVICES_SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Everything downloaded or generated lives outside the checkout, so a clean
# checkout stays clean and `git clean` never throws away a 60 MB download.
SERVICES_CACHE_DIR="${SWITCHBOARD_SERVICES_DIR:-$HOME/.cache/switchboard}"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1536m}"
KAFKA_READY_TIMEOUT="${KAFKA_READY_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

# Postgres keeps the stock port: the Debian cluster already uses it, and
# moving it buys nothing on a machine that runs one cluster.
readonly PG_PORT=5432
readonly PG_ROLE=switchboard PG_PASSWORD=switchboard PG_DATABASE=switchboard

KAFKA_POM="$SERVICES_SRC_DIR/kafka/pom.xml"
KAFKA_LIBS="$SERVICES_CACHE_DIR/kafka-libs"
KAFKA_STATE_DIR="$SERVICES_CACHE_DIR/kafka"
KAFKA_DATA_DIR="$KAFKA_STATE_DIR/data"
KAFKA_LOG_DIR="$KAFKA_STATE_DIR/logs"
KAFKA_CONFIG="$KAFKA_STATE_DIR/server.properties"
KAFKA_PID_FILE="$KAFKA_STATE_DIR/kafka.pid"
KAFKA_CLUSTER_ID_FILE="$KAFKA_STATE_DIR/cluster-id"
KAFKA_FORMAT_STAMP="$KAFKA_STATE_DIR/format.stamp"
# Versions come from the POM so there is exactly one place to bump them.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM")"

# --- Output -----------------------------------------------------------------
# Progress goes to stderr so that `services.sh env` output can be eval'ed.
log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }
# Seconds since a now_ms timestamp, one decimal ("12.3").
elapsed_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

require_port_number() {
  [[ $2 =~ ^[0-9]+$ ]] || die "$1 must be a port number, got '$2'"
}
require_port_number KAFKA_PORT "$KAFKA_PORT"
require_port_number KAFKA_CONTROLLER_PORT "$KAFKA_CONTROLLER_PORT"

# --- Privileges -------------------------------------------------------------
# CI containers run as root; developer machines usually have sudo. -n makes
# sudo fail instead of prompting, because CI has no terminal to prompt on.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    die "need root (or passwordless sudo) to run: $*"
  fi
}

# Postgres administration uses peer auth on the local socket as the postgres
# OS user. cd / first: psql complains when it cannot read the caller's cwd.
as_postgres() {
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres "$@")
  fi
}

# --- Packages ---------------------------------------------------------------
APT_UPDATED=0
# Installs Debian packages non-interactively, refreshing the index once per run.
# The lock timeout lets us queue behind another apt (e.g. unattended-upgrades)
# instead of failing.
apt_install() {
  command -v apt-get >/dev/null ||
    die "missing $*; this script installs packages with apt-get (Debian/Ubuntu)"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
  if ((APT_UPDATED == 0)); then
    log "apt-get update"
    as_root "${apt[@]}" update >/dev/null
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  as_root "${apt[@]}" install -y --no-install-recommends "$@" >/dev/null
}

# --- Processes and ports ----------------------------------------------------
# True when something accepts TCP connections on 127.0.0.1:$1 (bash /dev/tcp,
# so no netcat is needed).
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when the pid exists and is not a zombie. A stopped broker can linger as
# a zombie in containers whose PID 1 does not reap orphans; kill -0 alone would
# report it alive forever.
pid_alive() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ ${stat:0:1} != Z ]]
}
