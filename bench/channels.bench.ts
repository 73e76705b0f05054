// Channel ingest benchmark on real Kafka and PostgreSQL, through the channels' own front doors: signed WhatsApp
// webhook deliveries (batches, with redeliveries), SMTP mail through a nodemailer pool, web-chat visitors over
// socket.io, and REST ingest as the baseline, against a gateway and a router started as their own processes.
// For each channel and concurrency it reports the messages acknowledged per second at the durable answer
// (median of BENCH_ROUNDS rounds), the ack latency, ack -> stored and ack -> offer pushed to an agent's socket,
// stored-vs-unique counts and the processes' CPU. It removes everything it created. Last line: one JSON object.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { topicNames } from '@switchboard/contracts';
import { generateSecretsKey, openDatabase } from '@switchboard/persistence';
import { AgentSockets } from './support/agent-sockets';
import { createScratchDatabase, ensureServices } from './support/bench-services';
import { deleteTopics, freePort, runCleanup, type Cleanup } from './support/bench-lifecycle';
import { ChatDriver } from './support/chat-driver';
import { SeqLedger, type BenchChannel, type ChannelDriver } from './support/channel-driver';
import { bestPerChannel, formatTable, rowJson, summarize } from './support/channel-report';
import { seedChannelTenants, type ChannelSeed } from './support/channel-seed';
import { runStep, type StepDeps, type StepResult } from './support/channel-steps';
import { verifyChannels, type StoredReport } from './support/channel-verifier';
import { EventTracker } from './support/event-tracker';
import { RestDriver } from './support/rest-driver';
import { ensureBuilt, startRouter, type RouterProcess } from './support/router-process';
import { round, sleep } from './support/stats';
import { SmtpDriver } from './support/smtp-driver';
import { WhatsAppDriver } from './support/whatsapp-driver';

const ROOT = resolve(__dirname, '..');
const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const STEP_S = Number(env.BENCH_STEP_S ?? 3);
const TENANTS = Number(env.BENCH_TENANTS ?? 2);
const AGENTS = Number(env.BENCH_AGENTS_PER_TENANT ?? 4);
const CAPACITY = Number(env.BENCH_AGENT_CAPACITY ?? 5_000);
const BATCH = Number(env.BENCH_WEBHOOK_BATCH ?? 10);
const REDELIVERY = Number(env.BENCH_REDELIVERY_SHARE ?? 0.1);
const NEW_CUSTOMERS = Number(env.BENCH_NEW_CUSTOMER_SHARE ?? 0.2);
const CHANNELS = (env.BENCH_CHANNELS ?? 'rest,whatsapp,email,chat').split(',') as BenchChannel[];
const LANES: Record<BenchChannel, number[]> = {
  rest: lanes('BENCH_LANES_REST', '16'),
  whatsapp: lanes('BENCH_LANES_WHATSAPP', '1,4,16'),
  email: lanes('BENCH_LANES_EMAIL', '1,4,16'),
  chat: lanes('BENCH_LANES_CHAT', '4,16'),
};
const LIMITS = { timeoutMs: Number(env.BENCH_TIMEOUT_S ?? 120) * 1000, stallMs: 30_000 };

const runId = randomBytes(4).toString('hex');
const resultsDir = env.BENCH_RESULTS_DIR ?? mkdtempSync(join(tmpdir(), 'switchboard-bench-channels.'));
mkdirSync(resultsDir, { recursive: true });
const log = (line: string): void => console.log(`[bench:channels] ${line}`);

function lanes(name: string, fallback: string): number[] {
  return (env[name] ?? fallback).split(',').map(Number);
}

async function main(): Promise<void> {
  const services = ensureServices(ROOT, log);
  const routerEntry = ensureBuilt(ROOT, env.BENCH_BUILD ?? 'auto', log);
  const cleanup: Cleanup = [];
  const onSignal = (): void => void runCleanup(cleanup, log).finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await run(services.kafkaBrokers, services.databaseUrl, routerEntry, cleanup);
  } finally {
    await runCleanup(cleanup, log);
  }
}

async function run(brokers: string, serverUrl: string, routerEntry: string, cleanup: Cleanup): Promise<void> {
  const loadBefore = loadavg();
  const db = await createScratchDatabase(serverUrl, 'sb_bench');
  if (env.BENCH_KEEP_DB === '1') log(`keeping database ${db.name} (BENCH_KEEP_DB=1)`);
  else cleanup.push(() => db.drop());
  const secretsKey = generateSecretsKey().toString('base64');
  const seed = await prepareDatabase(db.url, secretsKey);
  log(`database ${db.name}: ${TENANTS} tenants x ${AGENTS} agents; results in ${resultsDir}`);

  const prefix = `bench.${runId}.`;
  const kafka = new Kafka({
    clientId: `bench-${runId}`,
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  });
  cleanup.push(() => deleteTopics(kafka, prefix));
  const smtpPort = await freePort();
  const common = {
    ...env,
    KAFKA_BROKERS: brokers,
    DATABASE_URL: db.url,
    KAFKA_TOPIC_PREFIX: prefix,
    ROUTER_GROUP_ID: `bench-router-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SECRETS_KEY: secretsKey,
    MIGRATE_ON_BOOT: 'false',
    LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'warn',
  };
  // The router first: it creates the topics the gateway subscribes to (as scripts/load.sh does).
  const router = await startRouter(routerEntry, ROOT, common, join(resultsDir, 'router.log'));
  cleanup.push(() => router.stop());
  // startRouter runs any built app until /health answers; it takes node flags from BENCH_ROUTER_NODE_ARGS.
  const gateway = await startRouter(
    join(ROOT, 'dist/apps/gateway/main.js'),
    ROOT,
    { ...common, ...gatewayEnv(smtpPort), BENCH_ROUTER_NODE_ARGS: env.BENCH_GATEWAY_NODE_ARGS ?? '' },
    join(resultsDir, 'gateway.log'),
  );
  cleanup.push(() => gateway.stop());
  log(
    `router pid ${router.pid}, gateway pid ${gateway.pid} (${gateway.url}, SMTP ${smtpPort}), topics ${prefix}*`,
  );

  const tracker = new EventTracker(kafka, topicNames(prefix).routingEvents, runId);
  await tracker.start(`bench-events-${runId}`);
  cleanup.push(() => tracker.stop());
  const agents = new AgentSockets();
  cleanup.push(() => Promise.resolve(agents.close()));
  await agents.connect(gateway.url, seed.tenants, seed.password);
  log(`${agents.connected} agent sockets connected`);

  const ledger = new SeqLedger(runId);
  const drivers = buildDrivers(ledger, gateway.url, smtpPort, seed);
  const deps: StepDeps = { ledger, tracker, gateway, router, limits: LIMITS };
  const warm = await warmUp(drivers, deps);
  const steps = await measure(drivers, deps);

  await sleep(1000); // the last offers are pushed right after their messages are stored
  const channelOf = new Map<number, BenchChannel>();
  // Warm-up messages count for the stored-vs-unique check: a measured step may redeliver them.
  for (const step of [...warm, ...steps]) for (const seq of step.acked) channelOf.set(seq, step.channel);
  const stored = await verifyChannels(db.url, ledger, tracker, channelOf);
  report(steps, stored, ledger, agents, tracker, { router, gateway }, loadBefore);
}

function gatewayEnv(smtpPort: number): NodeJS.ProcessEnv {
  return {
    SMTP_PORT: String(smtpPort),
    BLOB_DIR: join(resultsDir, 'blobs'),
    // The benchmark is one client address and one visitor per socket: measure the channels, not the limits.
    RATE_LIMIT_IP_PER_SECOND: '1000000',
    RATE_LIMIT_INGEST_PER_SECOND: '1000000',
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '1000000',
    RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '1000000',
  };
}

async function prepareDatabase(url: string, secretsKey: string): Promise<ChannelSeed> {
  const database = openDatabase({ kind: 'postgres', url });
  try {
    await database.migrate({ migrationsDir: join(ROOT, 'prisma/migrations') });
    return await seedChannelTenants(database.prisma, {
      runId,
      tenants: TENANTS,
      agentsPerTenant: AGENTS,
      capacityPerClass: CAPACITY,
      secretsKey,
    });
  } finally {
    await database.close();
  }
}

function buildDrivers(
  ledger: SeqLedger,
  baseUrl: string,
  smtpPort: number,
  seed: ChannelSeed,
): ChannelDriver[] {
  const all: Record<BenchChannel, () => ChannelDriver> = {
    rest: () => new RestDriver(ledger, baseUrl, seed.tenants, NEW_CUSTOMERS),
    whatsapp: () =>
      new WhatsAppDriver(ledger, {
        baseUrl,
        tenants: seed.tenants,
        appSecret: seed.appSecret,
        messagesPerDelivery: BATCH,
        redeliveryShare: REDELIVERY,
        newCustomerShare: NEW_CUSTOMERS,
      }),
    email: () => new SmtpDriver(ledger, smtpPort, seed.tenants, REDELIVERY, NEW_CUSTOMERS),
    chat: () => new ChatDriver(ledger, baseUrl, seed.tenants, REDELIVERY),
  };
  return CHANNELS.map((channel) => all[channel]());
}

/** One short step per channel, not reported: loads the tenants into the router and lets the JIT settle. */
async function warmUp(drivers: readonly ChannelDriver[], deps: StepDeps): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  for (const driver of drivers) {
    const step = await runStep(driver, 2, 1, deps);
    if (step.drained !== 'done')
      throw new Error(`warm-up: ${driver.channel} messages never stored (${step.drained})`);
    log(`warm-up ${driver.channel}: ${step.acked.length} messages acknowledged and stored`);
    steps.push(step);
  }
  return steps;
}

/** Round-major, so each channel's rounds are spread over the run and share its noise. */
async function measure(drivers: readonly ChannelDriver[], deps: StepDeps): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    for (const driver of drivers) {
      for (const n of LANES[driver.channel]) {
        const step = await runStep(driver, n, STEP_S, deps);
        steps.push(step);
        const refused = [...step.refusals].map(([why, count]) => `${count} x ${why}`).join(', ');
        log(
          `round ${r} ${driver.channel} x${n}: ${step.msgsPerSec.toFixed(0)} msgs/s, ${step.acked.length} ` +
            `messages in ${step.requests} requests (${step.redeliveries} redeliveries), stored: ${step.drained}; ` +
            `gateway ${step.gatewayCpuPct.toFixed(0)}%, router ${step.routerCpuPct.toFixed(0)}%, this ` +
            `benchmark ${step.benchCpuPct.toFixed(0)}%, machine ${step.machineBusyPct.toFixed(0)}%` +
            (refused ? `; refused: ${refused}` : ''),
        );
      }
    }
  }
  return steps;
}

function report(
  steps: readonly StepResult[],
  stored: StoredReport,
  ledger: SeqLedger,
  agents: AgentSockets,
  tracker: EventTracker,
  processes: { router: RouterProcess; gateway: RouterProcess },
  loadBefore: number[],
): void {
  const offerMs = new Map<number, number>();
  for (const [conversation, seq] of stored.openerOf) {
    const pushed = agents.offerPushedAt.get(conversation);
    const ack = ledger.ackAt[seq];
    if (pushed !== undefined && ack !== undefined) offerMs.set(seq, pushed - ack);
  }
  const rows = summarize(steps, offerMs);
  console.log(formatTable(rows));
  for (const [channel, s] of stored.byChannel) {
    log(
      `${channel}: ${s.storedRows} message rows for ${s.uniqueAcked} unique messages acknowledged ` +
        `(${s.storedUnique} distinct stored), ${s.offers} conversations offered`,
    );
  }
  const loadAfter = loadavg();
  log(
    `${tracker.duplicates} duplicate message.received events, ${agents.pushes} offers pushed to agent sockets; ` +
      `gateway RSS ${processes.gateway.rssMb().toFixed(0)} MB, router RSS ${processes.router.rssMb().toFixed(0)} MB; ` +
      `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
  );
  const channels: Record<string, Record<string, number | boolean>> = {};
  for (const row of bestPerChannel(rows)) {
    const s = stored.byChannel.get(row.channel);
    channels[row.channel] = {
      ...rowJson(row),
      unique_acked: s?.uniqueAcked ?? 0,
      stored_rows: s?.storedRows ?? 0,
      stored_unique: s?.storedUnique ?? 0,
    };
  }
  console.log(
    JSON.stringify({
      channels,
      rounds: ROUNDS,
      step_s: STEP_S,
      webhook_batch: BATCH,
      redelivery_share: REDELIVERY,
      duplicate_events: tracker.duplicates,
      nproc: availableParallelism(),
      load_avg_before: round(loadBefore[0], 2),
      load_avg_after: round(loadAfter[0], 2),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
