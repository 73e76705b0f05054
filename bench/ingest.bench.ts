// Ingest benchmark on real Kafka and PostgreSQL: how many inbound messages per second the router stores and
// threads (saturation), the produce -> `message.received` latency at half that rate, and the router's CPU.
// It creates a fresh database, seeds a few tenants, runs the built router as its own process on topics of its
// own, produces switchboard.inbound-contact.v1 records with kafkajs (80% follow-ups into open conversations,
// 20% new conversations, which get routed to available agents), checks the database afterwards, and removes
// everything it created. The shared Kafka and PostgreSQL keep running. Last line: one JSON object.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { topicNames } from '@switchboard/contracts';
import { openDatabase } from '@switchboard/persistence';
import { deleteTopics, runCleanup, type Cleanup } from './support/bench-lifecycle';
import { perThousand } from './support/cpu-split';
import { createScratchDatabase, ensureServices } from './support/bench-services';
import { seedBenchTenants } from './support/bench-tenants';
import { EventTracker } from './support/event-tracker';
import {
  describeUsage,
  type LatencyResult,
  pace,
  type PhaseDeps,
  saturate,
  type SaturationResult,
} from './support/ingest-phases';
import { IngestProducer } from './support/ingest-producer';
import { type StoredCheck, verifyStored } from './support/ingest-verifier';
import { IngestWorkload } from './support/ingest-workload';
import { ensureBuilt, startRouter } from './support/router-process';
import { round, sleep } from './support/stats';

const ROOT = resolve(__dirname, '..');
const env = process.env;
/** Saturation records; unset: about SATURATION_S seconds' worth at the rate the warm-up reached. */
const RECORDS = env.BENCH_RECORDS ? Number(env.BENCH_RECORDS) : undefined;
const SATURATION_S = Number(env.BENCH_SATURATION_S ?? 20);
const WARMUP = Number(env.BENCH_WARMUP ?? 2_000);
const TENANTS = Number(env.BENCH_TENANTS ?? 4);
const AGENTS = Number(env.BENCH_AGENTS_PER_TENANT ?? 50);
/** Per agent and channel class: far more than a run opens, so routing never waits on capacity. */
const CAPACITY = Number(env.BENCH_AGENT_CAPACITY ?? 5_000);
const FOLLOW_UPS = Number(env.BENCH_FOLLOW_UP_SHARE ?? 0.8);
const LATENCY_SECONDS = Number(env.BENCH_LATENCY_SECONDS ?? 20);
const LATENCY_RATE = env.BENCH_LATENCY_RATE ? Number(env.BENCH_LATENCY_RATE) : undefined;
const TIMEOUT_MS = Number(env.BENCH_TIMEOUT_S ?? 300) * 1000;
/** A phase gives up after this long without a single record stored. */
const STALL_MS = Number(env.BENCH_STALL_S ?? 30) * 1000;

const runId = randomBytes(4).toString('hex');
const resultsDir = env.BENCH_RESULTS_DIR ?? mkdtempSync(join(tmpdir(), 'switchboard-bench-ingest.'));
mkdirSync(resultsDir, { recursive: true });
const log = (line: string): void => console.log(`[bench:ingest] ${line}`);

async function main(): Promise<void> {
  const services = ensureServices(ROOT, log);
  const entry = ensureBuilt(ROOT, env.BENCH_BUILD ?? 'auto', log);
  const cleanup: Cleanup = [];
  const onSignal = (): void => void runCleanup(cleanup, log).finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run(services.kafkaBrokers, services.databaseUrl, entry, cleanup);
  } finally {
    await runCleanup(cleanup, log);
  }
}

async function run(brokers: string, serverUrl: string, entry: string, cleanup: Cleanup): Promise<void> {
  const db = await createScratchDatabase(serverUrl, 'sb_bench');
  if (env.BENCH_KEEP_DB === '1') log(`keeping database ${db.name} (BENCH_KEEP_DB=1)`);
  else cleanup.push(() => db.drop());
  const tenantIds = await prepareDatabase(db.url);
  log(
    `database ${db.name}: ${TENANTS} tenants x ${AGENTS} available agents (capacity ${CAPACITY} per class)`,
  );

  const prefix = `bench.${runId}.`;
  const topics = topicNames(prefix);
  const kafka = new Kafka({
    clientId: `bench-${runId}`,
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  cleanup.push(() => deleteTopics(kafka, prefix));
  const router = await startRouter(
    entry,
    ROOT,
    {
      ...env,
      KAFKA_BROKERS: brokers,
      DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: prefix,
      ROUTER_GROUP_ID: `bench-router-${runId}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      MIGRATE_ON_BOOT: 'false',
      LOG_LEVEL: env.BENCH_ROUTER_LOG_LEVEL ?? 'warn',
    },
    join(resultsDir, 'router.log'),
  );
  cleanup.push(() => router.stop());
  log(`router pid ${router.pid}, topics ${prefix}*, router log ${join(resultsDir, 'router.log')}`);

  const tracker = new EventTracker(kafka, topics.routingEvents, runId);
  await tracker.start(`bench-events-${runId}`);
  cleanup.push(() => tracker.stop());
  const workload = new IngestWorkload(runId, tenantIds, FOLLOW_UPS);
  const producer = new IngestProducer(kafka, topics.inbound, workload);
  await producer.connect();
  cleanup.push(() => producer.disconnect());
  const deps: PhaseDeps = {
    router,
    producer,
    tracker,
    workload,
    limits: { timeoutMs: TIMEOUT_MS, stallMs: STALL_MS },
    database: db.name,
  };

  const sized = await warmUp(deps);
  const sat = await saturate(
    {
      ...deps,
      limits: { ...deps.limits, onProgress: (n) => log(`  saturation: ${n} records not stored yet`) },
    },
    RECORDS ?? sized,
  );
  reportSaturation(sat);
  // At half the saturation rate, unless the router never got through the burst.
  const rate = LATENCY_RATE ?? Math.max(1, Math.round(sat.msgsPerSec / 2));
  const lat = sat.outcome === 'done' || LATENCY_RATE ? await pace(deps, rate, LATENCY_SECONDS) : undefined;
  reportLatency(lat);

  await sleep(1000); // offers are written in the arrival's own step; give the last events a moment
  const check = await verifyStored(db.url, workload);
  reportDatabase(check, workload.produced, tracker.duplicates, router.rssMb());
  console.log(
    JSON.stringify({
      msgs_per_sec: round(sat.msgsPerSec, 0),
      p50_ms: lat ? round(lat.p50, 1) : null,
      p99_ms: lat ? round(lat.p99, 1) : null,
      router_cpu_pct: round(sat.routerCpuPct, 0),
      latency_rate: lat ? rate : null,
      latency_router_cpu_pct: lat ? round(lat.routerCpuPct, 0) : null,
      bench_cpu_pct: round(sat.benchCpuPct, 0),
      cpu_ms_per_1k: perThousand(sat.cpu, sat.stored),
      machine_busy_pct: round(sat.machineBusyPct, 0),
      records: sat.records,
      tenants: TENANTS,
      complete: sat.outcome === 'done' && lat?.outcome === 'done',
      stored_ok:
        check.missing === 0 && check.split === 0 && check.miscounted === 0 && tracker.duplicates === 0,
      routed: check.liveOffers,
      new_conversations: check.expectedConversations,
    }),
  );
}

async function prepareDatabase(url: string): Promise<string[]> {
  const database = openDatabase({ kind: 'postgres', url });
  try {
    await database.migrate({ migrationsDir: join(ROOT, 'prisma/migrations') });
    return await seedBenchTenants(database.prisma, {
      runId,
      tenants: TENANTS,
      agentsPerTenant: AGENTS,
      capacityPerClass: CAPACITY,
    });
  } finally {
    await database.close();
  }
}

/**
 * Loads every tenant into the router, opens the first conversations and lets the JIT settle. Returns the
 * default saturation size: about SATURATION_S seconds at the rate the warm-up reached.
 */
async function warmUp({ producer, tracker, workload, limits }: PhaseDeps): Promise<number> {
  await producer.flatOut(TENANTS * 50);
  const first = await tracker.waitFor(0, workload.produced, limits);
  if (first !== 'done') throw new Error(`the router never stored the first records (${first})`);
  const from = workload.produced;
  const start = performance.now();
  await producer.flatOut(WARMUP);
  const warm = await tracker.waitFor(from, from + WARMUP, limits);
  if (warm !== 'done') throw new Error(`the router never finished the warm-up (${warm})`);
  const rate = WARMUP / ((performance.now() - start) / 1000);
  const records = Math.min(400_000, Math.max(5_000, Math.round((rate * SATURATION_S) / 1000) * 1000));
  log(
    `warm-up: ${workload.produced} records stored (${rate.toFixed(0)} msgs/s); saturation: ${RECORDS ?? records}`,
  );
  return records;
}

function reportSaturation(sat: SaturationResult): void {
  log(
    `saturation: ${sat.stored}/${sat.records} records stored and threaded in ${sat.seconds.toFixed(1)} s ` +
      `(${sat.outcome}) = ${sat.msgsPerSec.toFixed(0)} msgs/s; ${describeUsage(sat)}`,
  );
  const split = perThousand(sat.cpu, sat.stored);
  log(
    `  CPU ms per 1,000 msgs: router ${split.router}, postgres ${split.postgres}, kafka ${split.kafka}, ` +
      `bench ${split.bench}, other ${split.other}`,
  );
  if (sat.outcome !== 'done') {
    log(`  the router stopped storing records (${sat.outcome}): msgs/s is the rate up to its last progress`);
  }
}

function reportLatency(lat: LatencyResult | undefined): void {
  if (!lat) {
    log('latency: skipped, the router did not get through the burst (BENCH_LATENCY_RATE forces it)');
    return;
  }
  log(
    `latency at ${lat.rate} msgs/s for ${LATENCY_SECONDS} s: ${lat.latencies.length}/${lat.sent} records ` +
      `(${lat.outcome}), p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms, ` +
      `max ${(lat.latencies.at(-1) ?? Number.NaN).toFixed(0)} ms; ${describeUsage(lat)}`,
  );
}

function reportDatabase(check: StoredCheck, produced: number, duplicates: number, rssMb: number): void {
  log(
    `database: ${check.messages}/${produced} messages (${check.missing} missing), ` +
      `${check.conversations}/${check.expectedConversations} conversations, ${check.split} customers split ` +
      `over several conversations, ${check.miscounted} with a wrong message count, ${check.liveOffers} live ` +
      `offers (new conversations routed); ${duplicates} duplicate message.received events; ` +
      `router RSS ${rssMb.toFixed(0)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
