// Sockets benchmark on real Kafka and PostgreSQL: one gateway process holds BENCH_SOCKETS (10,000) authenticated,
// idle agent sockets; then, BENCH_ROUNDS times, one routing event per agent (an offer) is published on the
// routing-events topic and the gateway pushes each to its agent's socket. Reports the gateway's RSS (idle, with
// the sockets held, and at its peak while pushing) and the publish -> socket p50/p99 per round. The clients run
// in this process, so the RSS is the gateway's alone. Last line: one JSON object. Target: RSS <= 1.5 GB.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { ROUTING_EVENT_V1, topicNames, type RoutingEventV1 } from '@switchboard/contracts';
import { openDatabase } from '@switchboard/persistence';
import { deleteTopics, runCleanup, type Cleanup } from './support/bench-lifecycle';
import { createScratchDatabase, ensureServices } from './support/bench-services';
import { ensureBuilt, startRouter as startProcess, type RouterProcess } from './support/router-process';
import { seedFleet, SocketFleet, type Fleet } from './support/socket-fleet';
import { median, percentile, round, sleep } from './support/stats';

const ROOT = resolve(__dirname, '..');
const env = process.env;
const SOCKETS = Number(env.BENCH_SOCKETS ?? 10_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const PARALLEL_HANDSHAKES = Number(env.BENCH_PARALLEL_HANDSHAKES ?? 100);
const PUBLISH_BATCH = 500;
const ROUND_TIMEOUT_MS = Number(env.BENCH_ROUND_TIMEOUT_S ?? 60) * 1000;
const runId = randomBytes(4).toString('hex');
const resultsDir = env.BENCH_RESULTS_DIR ?? mkdtempSync(join(tmpdir(), 'switchboard-bench-sockets.'));
mkdirSync(resultsDir, { recursive: true });
const log = (line: string): void => console.log(`[bench:sockets] ${line}`);

interface Round {
  delivered: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}

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
  const db = await createScratchDatabase(serverUrl, 'sb_bench');
  cleanup.push(() => db.drop());
  const jwtSecret = randomBytes(32).toString('hex');
  const fleet = await prepareDatabase(db.url, jwtSecret);
  log(`database ${db.name}: ${SOCKETS} agents with a live session each`);

  const prefix = `bench.${runId}.`;
  const kafka = new Kafka({
    clientId: `bench-${runId}`,
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  cleanup.push(() => deleteTopics(kafka, prefix));
  const gateway = await startProcess(
    join(ROOT, 'dist/apps/gateway/main.js'),
    ROOT,
    {
      ...env,
      KAFKA_BROKERS: brokers,
      DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: prefix,
      JWT_SECRET: jwtSecret,
      MIGRATE_ON_BOOT: 'false',
      SMTP_ENABLED: 'false',
      LOG_LEVEL: env.BENCH_GATEWAY_LOG_LEVEL ?? 'warn',
    },
    join(resultsDir, 'gateway.log'),
  );
  cleanup.push(() => gateway.stop());
  const idleRssMb = gateway.rssMb();
  log(
    `gateway pid ${gateway.pid}, idle RSS ${round(idleRssMb, 0)} MB, log ${join(resultsDir, 'gateway.log')}`,
  );

  const sockets = new SocketFleet();
  cleanup.push(() => Promise.resolve(sockets.close()));
  const connectStart = Date.now();
  await sockets.connect(gateway.url, fleet.agents, PARALLEL_HANDSHAKES);
  const connectSeconds = (Date.now() - connectStart) / 1000;
  await sleep(2_000); // let the handshakes' garbage go before the RSS is read
  const heldRssMb = gateway.rssMb();
  log(
    `${sockets.size} sockets connected in ${round(connectSeconds, 1)} s (${round(sockets.size / connectSeconds, 0)}/s); ` +
      `gateway RSS ${round(heldRssMb, 0)} MB (${round(((heldRssMb - idleRssMb) * 1024) / sockets.size, 1)} KB per socket)`,
  );

  const producer = kafka.producer();
  await producer.connect();
  cleanup.push(() => producer.disconnect());
  const topic = topicNames(prefix).routingEvents;
  const rounds: Round[] = [];
  let seq = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const round_ = await pushRound(producer, topic, fleet, sockets, gateway, () => ++seq);
    rounds.push(round_);
    log(
      `round ${r + 1}: ${round_.delivered}/${fleet.agents.length} pushed, publish -> socket p50 ${round(round_.p50, 1)} ms, ` +
        `p99 ${round(round_.p99, 1)} ms, gateway peak RSS ${round(round_.peakRssMb, 0)} MB`,
    );
  }
  const peakRssMb = Math.max(heldRssMb, ...rounds.map((r) => r.peakRssMb));
  console.log(
    JSON.stringify({
      sockets: sockets.size,
      gateway_idle_rss_mb: round(idleRssMb, 0),
      gateway_rss_mb: round(heldRssMb, 0),
      gateway_peak_rss_mb: round(peakRssMb, 0),
      kb_per_socket: round(((heldRssMb - idleRssMb) * 1024) / sockets.size, 1),
      push_p50_ms: round(median(rounds.map((r) => r.p50)), 1),
      push_p99_ms: round(median(rounds.map((r) => r.p99)), 1),
      delivered_all: rounds.every((r) => r.delivered === fleet.agents.length),
      connect_per_sec: round(sockets.size / connectSeconds, 0),
      rss_target_met: peakRssMb <= 1536,
    }),
  );
}

/** Publishes one offer per agent, then waits until every socket got its own (or the round times out). */
async function pushRound(
  producer: Producer,
  topic: string,
  fleet: Fleet,
  sockets: SocketFleet,
  gateway: RouterProcess,
  nextSeq: () => number,
): Promise<Round> {
  sockets.receivedAt.clear();
  const sentAt = new Map<string, number>();
  let peakRssMb = gateway.rssMb();
  for (let i = 0; i < fleet.agents.length; i += PUBLISH_BATCH) {
    const now = Date.now();
    const events = fleet.agents.slice(i, i + PUBLISH_BATCH).map(({ agentId }) => {
      const event = offerEvent(fleet.tenantId, agentId, nextSeq(), now);
      sentAt.set(event.offerId, now);
      return { key: fleet.tenantId, value: JSON.stringify(event) };
    });
    await producer.send({ topic, messages: events });
  }
  const deadline = Date.now() + ROUND_TIMEOUT_MS;
  while (sockets.receivedAt.size < sentAt.size && Date.now() < deadline) {
    peakRssMb = Math.max(peakRssMb, gateway.rssMb());
    await sleep(20);
  }
  peakRssMb = Math.max(peakRssMb, gateway.rssMb());
  const latencies = [...sockets.receivedAt]
    .filter(([offerId]) => sentAt.has(offerId))
    .map(([offerId, at]) => at - sentAt.get(offerId)!)
    .sort((a, b) => a - b);
  return {
    delivered: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    peakRssMb,
  };
}

function offerEvent(tenantId: string, agentId: string, seq: number, now: number) {
  const at = new Date(now).toISOString();
  return {
    schema: ROUTING_EVENT_V1,
    eventId: randomUUID(),
    tenantId,
    seq,
    at,
    type: 'offer.created',
    offerId: randomUUID(),
    conversationId: randomUUID(),
    agentId,
    channel: 'chat',
    expiresAt: new Date(now + 60_000).toISOString(),
    preview: 'Benchmark offer',
    reason: {},
  } satisfies RoutingEventV1;
}

async function prepareDatabase(url: string, jwtSecret: string): Promise<Fleet> {
  const database = openDatabase({ kind: 'postgres', url });
  try {
    await database.migrate({ migrationsDir: join(ROOT, 'prisma/migrations') });
    return await seedFleet(database.prisma, runId, SOCKETS, jwtSecret);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
