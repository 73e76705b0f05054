# syntax=docker/dockerfile:1
# Switchboard: one image for every role. The command picks the role:
#   node dist/apps/switchboard/main.js   every role in one process (default; embedded without servers)
#   node dist/apps/router/main.js        the router alone
#   node dist/apps/gateway/main.js       the gateway alone
# Configuration is environment variables only; see README.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build tools -------------------------------------------------------------
# argon2 ships prebuilt binaries. Its install script loads the prebuild first and compiles from
# source when it cannot load, which needs a compiler. Only the build stages carry one.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# --- build: compile the three apps -------------------------------------------
FROM toolchain AS build
COPY package.json package-lock.json ./
# Scripts are skipped here: the postinstall step generates the Prisma client, which needs the
# schema copied below. Nothing the build runs needs another install script.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The script sets PRISMA_SCHEMA_ENGINE_BINARY=/bin/false: generating needs no native engine.
RUN npm run prisma:generate
# webpack bundles apps/ and libs/ (the generated Prisma client included) into
# dist/apps/<app>/main.js; packages from node_modules stay external.
RUN npm run build

# --- production dependencies --------------------------------------------------
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
# --ignore-scripts skips the postinstall (Prisma generate is a build step, and the CLI is a dev
# dependency) and the Prisma engine download (driver adapters need no engine). argon2 is the one
# runtime package with a native part, so its install script runs on its own.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm rebuild argon2

# --- runtime -------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to Node and reaps children, so shutdown hooks run and the
# process exits when they finish.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# A container is reached through its published port, so it listens on every interface; the host decides
# what is exposed (`-p 127.0.0.1:3000:3000` keeps it local). No demo tenant unless asked (SEED_DEMO=true):
# an image is what ends up deployed, and a demo tenant there is a door nobody meant to open.
ENV HOST=0.0.0.0 \
    SEED_DEMO=false
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
# The web console (vite build), served by the gateway roles at / from ./dist/console.
COPY --from=build /app/dist/console ./dist/console
# Read from ./prisma/migrations (relative to the working directory) when MIGRATE_ON_BOOT is on,
# which is the default without DATABASE_URL.
COPY prisma/migrations ./prisma/migrations
COPY package.json ./
# The embedded default keeps PGlite data (and, with SEED_DEMO=true, the demo credentials) in /app/.data:
# mount a volume there to keep them across container restarts.
RUN mkdir -p .data && chown node:node .data
USER node
# 3000: HTTP and socket.io; 2525: SMTP for the email inboxes (SMTP_PORT).
EXPOSE 3000 2525
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/switchboard/main.js"]
