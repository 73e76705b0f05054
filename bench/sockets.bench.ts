// Socket fan-out benchmark on real Kafka and PostgreSQL: one built gateway holds BENCH_SOCKETS authenticated idle
// agent consoles (websocket), then one routing event per agent is published on the routing-events topic and
// pushed through the console stream. Reports the gateway's RSS idle and after the pushes, and publish -> client
// receipt p50/p99 (the clients run in this process, so their own event loop is part of the figure).
// Removes everything it created. Last line: one JSON object.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ROUTING_EVENT_V1, topicNames, type RoutingEventV1 } from '@switchboard/contracts';
import { openDatabase } from '@switchboard/persistence';
import { createScratchDatabase, ensureServices } from './support/bench-services';
import { deleteTopics, runCleanup, type Cleanup } from './support/bench-lifecycle';
import { ensureBuilt, startRouter } from './support/router-process';
import { seedFleet, SocketFleet } from './support/socket-fleet';
import { percentile, round, sleep } from './support/stats';

const ROOT = resolve(__dirname, '..');
const env = process.env;
const SOCKETS = Number(env.BENCH_SOCKETS ?? 10_000);
const PARALLEL = Number(env.BENCH_CONNECT_PARALLEL ?? 200);
const PUBLISH_BATCH = Number(env.BENCH_PUBLISH_BATCH ?? 500);
const TIMEOUT_MS = Number(env.BENCH_TIMEOUT_S ?? 120) * 1000;
const runId = randomBytes(4).toString('hex');
const log = (line: string): void => console.log(`[bench:sockets] ${line}`);

async function main(): Promise<void> {
  const services = ensureServices(ROOT, log);
  ensureBuilt(ROOT, env.BENCH_BUILD ?? 'auto', log);
  const cleanup: Cleanup = [];
  const onSignal = (): void => void runCleanup(cleanup, log).finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run(services.kafkaBrokers, services.databaseUrl, cleanup);
  } finally {
    await runCleanup(cleanup, log);
  }
}

async function run(brokers: string, serverUrl: string, cleanup: Cleanup): Promise<void> {
  const db = await createScratchDatabase(serverUrl, 'sb_bench_sockets');
  cleanup.push(() => db.drop());
  const jwtSecret = randomBytes(32).toString('hex');
  const database = openDatabase({ kind: 'postgres', url: db.url });
  const seed = await (async () => {
    try {
      await database.migrate({ migrationsDir: join(ROOT, 'prisma/migrations') });
      return await seedFleet(database.prisma, { runId, count: SOCKETS, jwtSecret });
    } finally {
      await database.close();
    }
  })();
  const prefix = `bench.${runId}.`;
  const kafka = new Kafka({
    clientId: `bench-${runId}`,
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  cleanup.push(() => deleteTopics(kafka, prefix));
  // No router runs: the topics it would create are created here, before the gateway reads them.
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: Object.values(topicNames(prefix)).map((topic) => ({ topic, numPartitions: 3 })),
    waitForLeaders: true,
  });
  await admin.disconnect();
  const resultsDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-sockets.'));
  const gateway = await startRouter(
    join(ROOT, 'dist/apps/gateway/main.js'),
    ROOT,
    {
      ...env,
      KAFKA_BROKERS: brokers,
      DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: prefix,
      ROUTER_GROUP_ID: `bench-router-${runId}`,
      JWT_SECRET: jwtSecret,
      MIGRATE_ON_BOOT: 'false',
      LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
      SMTP_PORT: '0',
      BENCH_ROUTER_NODE_ARGS: env.BENCH_GATEWAY_NODE_ARGS ?? '',
      // One client address: measure the fan-out, not the per-IP limits.
      RATE_LIMIT_IP_PER_SECOND: '1000000',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '1000000',
    },
    join(resultsDir, 'gateway.log'),
  );
  cleanup.push(() => gateway.stop());
  const rssStartMb = gateway.rssMb();
  log(`gateway pid ${gateway.pid} (${gateway.url}), ${SOCKETS} agents seeded, log in ${resultsDir}`);

  const fleet = new SocketFleet();
  cleanup.push(() => Promise.resolve(fleet.close()));
  const connectStart = performance.now();
  await fleet.connect(gateway.url, seed.tokens, PARALLEL);
  const connectS = (performance.now() - connectStart) / 1000;
  await sleep(2000); // let the gateway settle after the handshakes before its idle footprint is read
  const rssIdleMb = gateway.rssMb();
  log(
    `${fleet.connected} sockets connected in ${round(connectS)} s; gateway RSS ${round(rssIdleMb)} MB idle`,
  );

  const publishedAt = await publishOffers(kafka, topicNames(prefix).routingEvents, seed);
  const deadline = Date.now() + TIMEOUT_MS;
  while (fleet.receivedAt.size < SOCKETS && Date.now() < deadline) await sleep(100);
  const rssPushMb = gateway.rssMb();
  const latencies = [...fleet.receivedAt]
    .map(([seq, at]) => at - (publishedAt.get(seq) ?? at))
    .sort((a, b) => a - b);
  const result = {
    bench: 'sockets',
    sockets: fleet.connected,
    delivered: fleet.receivedAt.size,
    connectSeconds: round(connectS),
    gatewayRssMb: { start: round(rssStartMb), idle: round(rssIdleMb), afterPush: round(rssPushMb) },
    pushMs: {
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? NaN),
    },
    rssTargetMb: 1536,
  };
  log(
    `delivered ${result.delivered}/${SOCKETS}; push p50 ${result.pushMs.p50} ms, p99 ${result.pushMs.p99} ms`,
  );
  log(`gateway RSS after the pushes ${result.gatewayRssMb.afterPush} MB (target <= 1536 MB)`);
  console.log(JSON.stringify(result));
}

/** One offer.created per agent, in seq order on the tenant's partition; returns when each batch was sent. */
async function publishOffers(kafka: Kafka, topic: string, seed: Awaited<ReturnType<typeof seedFleet>>) {
  const producer = kafka.producer();
  await producer.connect();
  const publishedAt = new Map<number, number>();
  try {
    for (let from = 0; from < seed.agentIds.length; from += PUBLISH_BATCH) {
      const batch = seed.agentIds.slice(from, from + PUBLISH_BATCH).map((agentId, i): RoutingEventV1 => ({
        schema: ROUTING_EVENT_V1,
        eventId: `${runId}-${from + i + 1}`,
        tenantId: seed.tenantId,
        seq: from + i + 1,
        at: new Date().toISOString(),
        type: 'offer.created',
        offerId: `o-${from + i + 1}`,
        conversationId: `c-${from + i + 1}`,
        agentId,
        channel: 'chat',
        expiresAt: new Date(Date.now() + 30_000).toISOString(),
        preview: 'bench',
        reason: {},
      }));
      const at = performance.now();
      for (const event of batch) publishedAt.set(event.seq, at);
      await producer.send({
        topic,
        messages: batch.map((e) => ({ key: e.tenantId, value: JSON.stringify(e) })),
      });
    }
  } finally {
    await producer.disconnect();
  }
  return publishedAt;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
