# shellcheck shell=bash
# Kafka for scripts/services.sh: the Apache Kafka broker from Maven Central,
# run as one KRaft broker+controller on 127.0.0.1. Sourced after common.sh.

KAFKA_STARTED_PID=""
KAFKA_STARTED_AT=""

java_bin() { echo "${JAVA_HOME:+$JAVA_HOME/bin/}java"; }

# Prints the Debian packages Kafka still needs (for one batched apt-get install).
kafka_missing_packages() {
  command -v "$(java_bin)" >/dev/null || echo default-jre-headless
  # Maven is only needed while the jars are not cached yet.
  kafka_libs_current || command -v mvn >/dev/null || echo maven
}

# Kafka 4 brokers refuse to run on Java < 17.
kafka_check_java() {
  local spec
  spec="$("$(java_bin)" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = //p')"
  local major="${spec%%.*}"
  if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 17)); then
    die "Kafka $KAFKA_VERSION needs Java 17 or newer; $(java_bin) is '${spec:-unknown}'"
  fi
}

# The cached jars are keyed by a hash of the POM, so bumping kafka.version
# there is enough to make the next `up` fetch the new release.
kafka_pom_hash() { sha256sum "$KAFKA_POM" | cut -d' ' -f1; }

kafka_libs_current() {
  [[ -f $KAFKA_LIBS/.pom.sha256 && $(<"$KAFKA_LIBS/.pom.sha256") == "$(kafka_pom_hash)" ]]
}

kafka_ensure_libs() {
  kafka_libs_current && return 0
  local started tmp="$KAFKA_LIBS.partial" mvn_log="$SERVICES_CACHE_DIR/kafka-libs-download.log"
  started="$(now_ms)"
  log "downloading Kafka $KAFKA_VERSION jars from Maven Central"
  rm -rf "$tmp"
  mkdir -p "$SERVICES_CACHE_DIR"
  # -B: no prompts or progress bars. Maven's output (even with -q it emits
  # terminal escape codes) is kept in a file and shown only on failure.
  if ! mvn -q -B -f "$KAFKA_POM" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2
    die "downloading the Kafka jars with Maven failed (full log: $mvn_log)"
  fi
  kafka_pom_hash >"$tmp/.pom.sha256"
  # Swap in whole, so an interrupted download never looks like a cache hit.
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  log "downloaded $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $(elapsed_since "$started")s"
}

# Runs a short-lived Kafka CLI class (StorageTool, TopicCommand, ...). C1-only
# JIT and a small serial-GC heap start noticeably faster for one-shot tools.
kafka_tool_cmd() {
  printf '%s\0' "$(java_bin)" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    "-Dlog4j2.configurationFile=$SERVICES_SRC_DIR/kafka/tools-log4j2.xml" \
    -cp "$KAFKA_LIBS/*" "$@"
}
kafka_tool() {
  local cmd
  mapfile -d '' cmd < <(kafka_tool_cmd "$@")
  "${cmd[@]}"
}

kafka_rendered_config() {
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "s|@DATA_DIR@|$KAFKA_DATA_DIR|g" \
    "$SERVICES_SRC_DIR/kafka/server.properties.template"
}

meta_property() {
  sed -n "s/^$1=//p" "$KAFKA_DATA_DIR/meta.properties" 2>/dev/null
}

# KRaft storage must be formatted once before the first start. The cluster id
# is kept next to the data so restarts reuse it. The data is disposable dev
# state, so when it no longer fits this configuration (another cluster id or
# node id, another controller port baked into the standalone quorum, or
# another Kafka version, whose storage may not be compatible) it is wiped and
# formatted afresh instead of leaving a broker that refuses to start.
kafka_ensure_storage() {
  local cluster_id stamp reason=""
  stamp="kafka=$KAFKA_VERSION controller=127.0.0.1:$KAFKA_CONTROLLER_PORT node=1"

  if [[ -s $KAFKA_CLUSTER_ID_FILE ]]; then
    cluster_id="$(<"$KAFKA_CLUSTER_ID_FILE")"
  elif [[ -f $KAFKA_DATA_DIR/meta.properties ]]; then
    cluster_id="$(meta_property cluster.id)"   # adopt the existing cluster
  else
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
  fi
  [[ -n $cluster_id ]] || die "could not determine a Kafka cluster id"
  echo "$cluster_id" >"$KAFKA_CLUSTER_ID_FILE"

  if [[ -f $KAFKA_DATA_DIR/meta.properties ]]; then
    if [[ $(meta_property cluster.id) != "$cluster_id" ]]; then
      reason="it belongs to cluster $(meta_property cluster.id), not $cluster_id"
    elif [[ $(meta_property node.id) != 1 ]]; then
      reason="it was formatted for node $(meta_property node.id)"
    elif [[ ! -f $KAFKA_FORMAT_STAMP || $(<"$KAFKA_FORMAT_STAMP") != "$stamp" ]]; then
      reason="it was formatted for a different setup ($(cat "$KAFKA_FORMAT_STAMP" 2>/dev/null || echo unknown))"
    else
      return 0
    fi
    log "reformatting Kafka storage: $reason"
  fi

  rm -rf "$KAFKA_DATA_DIR"
  mkdir -p "$KAFKA_DATA_DIR"
  log "formatting Kafka storage (cluster $cluster_id)"
  kafka_tool kafka.tools.StorageTool format --standalone \
    -t "$cluster_id" -c "$KAFKA_CONFIG" >/dev/null
  echo "$stamp" >"$KAFKA_FORMAT_STAMP"
}

# Pid of the broker this script started, if it is still running.
kafka_running_pid() {
  local pid
  [[ -f $KAFKA_PID_FILE ]] || return 1
  pid="$(<"$KAFKA_PID_FILE")"
  [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ' kafka\.Kafka ' &&
    echo "$pid"
}

# Starts the broker in the background and returns without waiting; pair with
# kafka_await_ready. Split so Postgres can be set up while the JVM boots.
kafka_launch() {
  local pid
  if pid="$(kafka_running_pid)"; then
    # Fail fast rather than time out probing a port the broker never opened.
    [[ $(kafka_rendered_config) == "$(cat "$KAFKA_CONFIG" 2>/dev/null)" ]] ||
      die "Kafka (pid $pid) runs with other settings (ports or server.properties.template changed); run 'scripts/services.sh down' first"
    log "Kafka is already running (pid $pid)"
    return 0
  fi
  rm -f "$KAFKA_PID_FILE"
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$port" &&
      die "127.0.0.1:$port is already in use by a process this script did not start; stop it or set KAFKA_PORT/KAFKA_CONTROLLER_PORT"
  done

  kafka_check_java
  kafka_ensure_libs
  mkdir -p "$KAFKA_STATE_DIR"
  kafka_rendered_config >"$KAFKA_CONFIG"
  kafka_ensure_storage
  mkdir -p "$KAFKA_LOG_DIR"

  local heap
  read -ra heap <<<"$KAFKA_HEAP_OPTS"
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (logs: $KAFKA_LOG_DIR)"
  KAFKA_STARTED_AT="$(now_ms)"
  # nohup plus redirected stdio: the broker outlives this script and its
  # terminal, and never holds the caller's pipes open (CI steps would hang).
  # GC flags follow Kafka's own kafka-run-class.sh defaults.
  nohup "$(java_bin)" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    "-Dlog4j2.configurationFile=$SERVICES_SRC_DIR/kafka/log4j2.xml" \
    "-Dkafka.logs.dir=$KAFKA_LOG_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
    >"$KAFKA_LOG_DIR/kafka.out" 2>&1 </dev/null &
  KAFKA_STARTED_PID=$!
  echo "$KAFKA_STARTED_PID" >"$KAFKA_PID_FILE"
}

# A real client round trip: listing topics needs the broker to be serving
# requests with its metadata loaded. Client timeouts are capped so a
# half-started broker costs one short attempt, not the 60 s admin default.
kafka_probe() {
  local cmd
  mapfile -d '' cmd < <(kafka_tool_cmd org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list \
    --command-config "$SERVICES_SRC_DIR/kafka/probe-client.properties")
  timeout 30 "${cmd[@]}" >/dev/null 2>&1
}

kafka_fail() {
  log "$1"
  local file
  for file in "$KAFKA_LOG_DIR/server.log" "$KAFKA_LOG_DIR/kafka.out"; do
    [[ -s $file ]] || continue
    log "last lines of $file:"
    tail -n 40 "$file" >&2
  done
  # Only a broker started by this run is stopped; the next `up` starts clean.
  if [[ -n $KAFKA_STARTED_PID ]] && pid_alive "$KAFKA_STARTED_PID"; then
    kill -KILL "$KAFKA_STARTED_PID" 2>/dev/null || true
    rm -f "$KAFKA_PID_FILE"
  fi
  exit 1
}

kafka_await_ready() {
  local pid deadline=$((SECONDS + KAFKA_READY_TIMEOUT))
  # A just-launched pid may not have exec'ed java yet, so trust it directly.
  pid="${KAFKA_STARTED_PID:-$(kafka_running_pid)}" || kafka_fail "Kafka is not running"
  until port_open "$KAFKA_PORT" && kafka_probe; do
    pid_alive "$pid" || kafka_fail "Kafka exited during startup"
    ((SECONDS < deadline)) ||
      kafka_fail "Kafka was not ready on 127.0.0.1:$KAFKA_PORT after ${KAFKA_READY_TIMEOUT}s"
    sleep 0.5
  done
  if [[ -n $KAFKA_STARTED_AT ]]; then
    log "Kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT in $(elapsed_since "$KAFKA_STARTED_AT")s (pid $pid)"
  else
    log "Kafka $KAFKA_VERSION ready on 127.0.0.1:$KAFKA_PORT (pid $pid)"
  fi
}

# SIGTERM triggers Kafka's controlled shutdown, which flushes logs and leaves
# clean-shutdown markers so the next start skips log recovery. SIGKILL is the
# fallback for a broker that hangs.
kafka_down() {
  local pid i
  if ! pid="$(kafka_running_pid)"; then
    rm -f "$KAFKA_PID_FILE"
    log "Kafka is not running"
    return 0
  fi
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < KAFKA_STOP_TIMEOUT * 4; i++)); do
    pid_alive "$pid" || break
    sleep 0.25
  done
  if pid_alive "$pid"; then
    log "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$KAFKA_PID_FILE"
}

# Prints one status line; returns 0 when the broker runs and its port answers.
kafka_status() {
  local pid
  if pid="$(kafka_running_pid)" && port_open "$KAFKA_PORT"; then
    echo "kafka:    up   (Kafka $KAFKA_VERSION, 127.0.0.1:$KAFKA_PORT, pid $pid)"
  elif [[ -n ${pid:-} ]]; then
    echo "kafka:    starting (pid $pid, port $KAFKA_PORT not open yet)"
    return 1
  else
    echo "kafka:    down"
    return 1
  fi
}
