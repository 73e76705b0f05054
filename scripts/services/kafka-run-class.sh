#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Runs a Kafka CLI class with the jars that scripts/services.sh cached, the way
# Kafka's own bin/kafka-run-class.sh does. Examples:
#   scripts/services/kafka-run-class.sh org.apache.kafka.tools.TopicCommand \
#     --bootstrap-server 127.0.0.1:9092 --list
#   scripts/services/kafka-run-class.sh org.apache.kafka.tools.ConsoleProducer \
#     --bootstrap-server 127.0.0.1:9092 --topic demo
#   scripts/services/kafka-run-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer \
#     --bootstrap-server 127.0.0.1:9092 --topic demo --from-beginning --max-messages 1
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=kafka.sh
source "$SERVICES_SRC_DIR/kafka.sh"

(($# >= 1)) || die "usage: $0 <main-class> [args...]"
kafka_libs_current || die "Kafka jars are not cached yet; run scripts/services.sh up"
kafka_tool "$@"
