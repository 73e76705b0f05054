// `LOAD_AGENT_DRIVER=node`: holds every load agent's socket in this one Node process (socket.io-client), where
// k6 spends one VU per agent. Same timeline and behaviour as the k6 script's `agents` scenario (agent-session.ts);
// it writes the same `O`/`A` lines as k6's console output and a k6-shaped summary, so the report and the
// database check read either driver's output alike.
// Unlike k6's fixed warm-up, the contacts wait for the agents: once every agent is ready (or failed) the driver
// writes <ready file>, load.sh then starts k6 with a short warm-up (LOAD_WARMUP here), and the driver holds the
// sockets for that warm-up, LOAD_DURATION and LOAD_DRAIN. A slow login phase then never overlaps the arrivals.
// Usage: tsx load-tests/agent-pool.driver.ts <lines file> <summary json> <ready file>   (parameters: LOAD_*)
import { createWriteStream, writeFileSync } from 'node:fs';
import { AgentPoolMetrics } from './agent-pool-metrics';
import { AgentSession, type AgentSessionSink } from './agent-session';

const env = process.env;
const BASE_URL = (env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const AGENTS = Number(env.LOAD_AGENTS ?? 20);
const THINK_MS = Number(env.LOAD_THINK_MS ?? 1000);
/** From all agents ready to the first contact: k6's start-up and warm-up. */
const WARMUP_MS = parseDuration(env.LOAD_WARMUP ?? '3s');
const DURATION_MS = parseDuration(env.LOAD_DURATION ?? '45s');
const DRAIN_MS = parseDuration(env.LOAD_DRAIN ?? '10s');
const LOGIN_RAMP_MS = parseDuration(env.LOAD_LOGIN_RAMP ?? '0s');
/** Logins in flight at once: a ramp of 0 would otherwise open thousands of requests in one instant. */
const MAX_LOGINS_IN_FLIGHT = 200;

async function main(linesPath: string, summaryPath: string, readyPath: string): Promise<void> {
  const runId = env.LOAD_RUN_ID;
  const password = env.AGENT_PASSWORD;
  if (!runId || !password)
    throw new Error('LOAD_RUN_ID and AGENT_PASSWORD must be set; run through `npm run load`');
  const start = Date.now();
  // Known once every agent is in; the sessions read it through the config object.
  const timeline = { arrivalsEnd: Number.POSITIVE_INFINITY };
  const lines = createWriteStream(linesPath);
  // k6's console-output format, which load-run-log.ts parses: one event per line.
  const write = (level: string, msg: string): boolean =>
    lines.write(`time="${new Date().toISOString()}" level=${level} msg="${msg.replace(/["\\]/g, '\\$&')}"\n`);
  const metrics = new AgentPoolMetrics();
  const sink: AgentSessionSink = {
    metrics,
    offer: (seq, at, ms) => write('info', `O ${seq} ${at} ${ms}`),
    assignment: (at, ms) => write('info', `A ${at} ${ms}`),
    problem: (level, text) => write(level, text),
  };
  const template = env.AGENT_EMAIL_TEMPLATE ?? 'agent{n}@demo.test';
  const sessions = Array.from(
    { length: AGENTS },
    (_, i) =>
      new AgentSession(
        {
          baseUrl: BASE_URL,
          tenant: env.TENANT ?? 'demo',
          email: template.replace('{n}', String(i + 1)),
          password,
          runId,
          thinkMs: THINK_MS,
          get arrivalsEnd() {
            return timeline.arrivalsEnd;
          },
        },
        sink,
      ),
  );

  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    await Promise.all(sessions.map((s) => s.signOff()));
    writeFileSync(summaryPath, JSON.stringify(metrics.toSummary()));
    await new Promise<void>((resolve) => lines.end(resolve));
    console.log(
      `[agents] ${metrics.count('agents_ready')}/${AGENTS} ready, ${metrics.count('offers_received')} offers, ` +
        `${metrics.count('assignments_created')} assignments, ${metrics.count('agent_socket_errors')} socket errors`,
    );
    process.exit(0);
  };
  process.once('SIGTERM', () => void finish());
  process.once('SIGINT', () => void finish());

  await loginOnRamp(sessions, start);
  const readyAt = Date.now();
  timeline.arrivalsEnd = readyAt + WARMUP_MS + DURATION_MS;
  setTimeout(() => void finish(), WARMUP_MS + DURATION_MS + DRAIN_MS);
  writeFileSync(readyPath, `${metrics.count('agents_ready')}\n`);
  console.log(`[agents] ${metrics.count('agents_ready')}/${AGENTS} ready after ${readyAt - start} ms`);
}

/** Agent i starts at i/AGENTS of the ramp, as a shift starts, with at most MAX_LOGINS_IN_FLIGHT pending. */
async function loginOnRamp(sessions: readonly AgentSession[], start: number): Promise<void> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const slot = async (): Promise<void> => {
    while (inFlight >= MAX_LOGINS_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  };
  const release = (): void => {
    inFlight--;
    waiting.shift()?.();
  };
  await Promise.all(
    sessions.map(async (session, i) => {
      const due = start + (i / sessions.length) * LOGIN_RAMP_MS - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      await slot();
      try {
        await session.start();
      } finally {
        release();
      }
    }),
  );
}

/** k6-style durations: 45s, 1m30s, 500ms, 2m. */
function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let matched = '';
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    total += Number(m[1]) * unit[m[2]];
    matched += m[0];
  }
  if (!matched || matched !== text) throw new Error(`not a duration: ${text}`);
  return total;
}

main(
  process.argv[2] ?? 'agents.log',
  process.argv[3] ?? 'agents-summary.json',
  process.argv[4] ?? 'agents.ready',
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
