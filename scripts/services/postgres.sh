# shellcheck shell=bash
# PostgreSQL for scripts/services.sh: Debian's packaged server, one cluster
# ("main"), listening on 127.0.0.1:5432 only, with the switchboard role and
# database. Sourced after common.sh.

PG_CLUSTER=main
PG_VERSION=""

# Newest installed server major version, or nothing. Detected rather than
# hard-coded so the script keeps working when Debian moves past 15.
pg_detect_version() {
  local bin versions=()
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x $bin ]] && versions+=("$(basename "$(dirname "$(dirname "$bin")")")")
  done
  ((${#versions[@]})) && printf '%s\n' "${versions[@]}" | sort -n | tail -1
  return 0
}

# Prints the packages Postgres still needs (for one batched apt-get install).
pg_missing_packages() {
  [[ -n $(pg_detect_version) ]] || echo postgresql
}

# "online", "down", or empty when the cluster does not exist.
pg_cluster_status() {
  pg_lsclusters --no-header 2>/dev/null |
    awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }'
}

pg_cluster_port() {
  pg_lsclusters --no-header 2>/dev/null |
    awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }'
}

pg_ensure_cluster() {
  PG_VERSION="$(pg_detect_version)"
  [[ -n $PG_VERSION ]] || die "PostgreSQL server is not installed"
  # Some images install the server with cluster creation disabled.
  if [[ -z $(pg_cluster_status) ]]; then
    log "creating PostgreSQL $PG_VERSION cluster '$PG_CLUSTER'"
    as_root pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >/dev/null
  fi
  local port
  port="$(pg_cluster_port)"
  [[ $port == "$PG_PORT" ]] ||
    die "PostgreSQL $PG_VERSION/$PG_CLUSTER is configured for port $port, expected $PG_PORT"
}

# Loopback only: the database holds nothing but test data, and must never be
# reachable from the network. conf.d is included last by Debian's
# postgresql.conf, so this wins over the stock setting. Returns 0 when the file
# changed (listen_addresses only takes effect on restart).
pg_write_listen_config() {
  local file="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/switchboard.conf"
  local want="# Written by switchboard scripts/services.sh
listen_addresses = '127.0.0.1'"
  [[ -f $file && $(<"$file") == "$want" ]] && return 1
  as_root mkdir -p "$(dirname "$file")"
  printf '%s\n' "$want" | as_root tee "$file" >/dev/null
  return 0
}

# The app and tests log in over TCP with a password. Debian's default pg_hba
# already has `host all all 127.0.0.1/32 scram-sha-256`; add an equivalent
# rule only when a customised pg_hba lacks one. Returns 0 when it changed.
pg_ensure_hba() {
  local hba="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/pg_hba.conf"
  local rule='^[[:space:]]*host[[:space:]]+(all|switchboard)[[:space:]]+(all|switchboard)[[:space:]]+127\.0\.0\.1/32[[:space:]]+(scram-sha-256|md5)'
  as_root grep -Eq "$rule" "$hba" && return 1
  log "adding a scram-sha-256 rule for 127.0.0.1 to $hba"
  # pg_hba is first-match, so the rule goes above every existing one.
  as_root sed -i "0,/^[[:space:]]*[^#[:space:]]/s//host switchboard switchboard 127.0.0.1\/32 scram-sha-256\n&/" "$hba"
  return 0
}

pg_wait_ready() {
  local i
  for ((i = 0; i < 60; i++)); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 1 && return 0
    sleep 0.5
  done
  die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within 30s; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
}

# Role and database are (re)asserted on every run; ALTER ROLE also resets the
# password, so a role left over from another setup still matches DATABASE_URL.
pg_provision() {
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE;
  END IF;
END
\$\$;
ALTER ROLE $PG_ROLE WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_ROLE'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')
\gexec
SQL
}

# Proves the exact path the app uses: TCP to 127.0.0.1 with a password.
pg_verify_login() {
  local out
  out="$(PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -A -t \
    -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DATABASE" -c 'select 1' 2>&1)" ||
    die "password login as $PG_ROLE over 127.0.0.1 failed: $out"
}

pg_up() {
  pg_ensure_cluster
  local restart=0 reload=0
  pg_write_listen_config && restart=1
  pg_ensure_hba && reload=1

  if [[ $(pg_cluster_status) == online ]]; then
    if ((restart)); then
      log "restarting PostgreSQL $PG_VERSION to listen on 127.0.0.1 only"
      as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
    elif ((reload)); then
      as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" reload
    fi
  else
    log "starting PostgreSQL $PG_VERSION"
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  fi
  pg_wait_ready
  pg_provision
  pg_verify_login
  log "PostgreSQL $PG_VERSION ready on 127.0.0.1:$PG_PORT (database $PG_DATABASE)"
}

pg_down() {
  PG_VERSION="$(pg_detect_version)"
  if [[ -z $PG_VERSION || $(pg_cluster_status) != online ]]; then
    log "PostgreSQL is not running"
    return 0
  fi
  log "stopping PostgreSQL $PG_VERSION"
  as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop
}

# Prints one status line; returns 0 when Postgres accepts connections.
pg_status() {
  PG_VERSION="$(pg_detect_version)"
  if [[ -z $PG_VERSION ]]; then
    echo "postgres: not installed"
    return 1
  fi
  if pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2; then
    echo "postgres: up   (PostgreSQL $PG_VERSION, 127.0.0.1:$PG_PORT, database $PG_DATABASE)"
  else
    echo "postgres: down (PostgreSQL $PG_VERSION)"
    return 1
  fi
}
