#!/usr/bin/env bash
# `npm test`: installs what the tests need, starts real Kafka and PostgreSQL (unless KAFKA_BROKERS and
# DATABASE_URL point at running ones), and runs every tier: unit, integration and end-to-end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -f node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ ! -f libs/persistence/src/generated/prisma/client.ts ]; then
  npm run prisma:generate
fi
if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/services.sh up
  eval "$(bash scripts/services.sh env)"
fi
# The process-level tests run the built apps exactly as `npm start` and the role scripts do.
npm run build >/dev/null

exec npx vitest run "$@"
