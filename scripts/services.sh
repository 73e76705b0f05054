#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Installs, starts and stops the real backing services without Docker:
# PostgreSQL (Debian package) and a single-node Apache Kafka (jars from Maven
# Central), both bound to 127.0.0.1, and Chromium for the console's browser
# tests. Developers and CI run the same script.
#
#   scripts/services.sh up       install what is missing, start both, wait until ready
#   scripts/services.sh down     stop both
#   scripts/services.sh status   print state; exit 0 only when both are up
#   scripts/services.sh env      print exports: eval "$(scripts/services.sh env)"
#
# Environment: SWITCHBOARD_SERVICES_DIR (cache, default ~/.cache/switchboard),
# KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP_OPTS,
# KAFKA_READY_TIMEOUT (seconds, 120), KAFKA_STOP_TIMEOUT (seconds, 30).
# Docker users can run docker-compose.yml instead.
set -euo pipefail

SERVICES_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services"
# shellcheck source=services/common.sh
source "$SERVICES_LIB/common.sh"
# shellcheck source=services/postgres.sh
source "$SERVICES_LIB/postgres.sh"
# shellcheck source=services/kafka.sh
source "$SERVICES_LIB/kafka.sh"
# shellcheck source=services/browser.sh
source "$SERVICES_LIB/browser.sh"

usage() {
  sed -n '/^# shellcheck/d; 2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# One apt-get run for everything missing: apt's fixed cost dominates.
install_missing_packages() {
  local packages
  read -ra packages <<<"$(pg_missing_packages) $(kafka_missing_packages) $(browser_missing_packages)"
  ((${#packages[@]} == 0)) || apt_install "${packages[@]}"
}

cmd_up() {
  local started
  started="$(now_ms)"
  install_missing_packages
  # The broker's JVM boots in the background while Postgres is set up.
  kafka_launch
  pg_up
  kafka_await_ready
  log "services up in $(elapsed_since "$started")s"
}

cmd_down() {
  kafka_down
  pg_down
}

cmd_status() {
  local rc=0
  pg_status || rc=1
  kafka_status || rc=1
  return "$rc"
}

cmd_env() {
  echo "export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "export DATABASE_URL=postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
}

main() {
  (($# == 1)) || usage
  case "$1" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
  esac
}

main "$@"
