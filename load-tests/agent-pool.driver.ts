// `LOAD_AGENT_DRIVER=node`: holds every load agent's socket in this one Node process (socket.io-client), where
// k6 spends one VU per agent. Same timeline and behaviour as the k6 script's `agents` scenario (agent-session.ts);
// it writes the same `O`/`A` lines as k6's console output and a k6-shaped summary, so the report and the
// database check read either driver's output alike.
// Usage: tsx load-tests/agent-pool.driver.ts <lines file> <summary json>   (parameters: the LOAD_* environment)
import { createWriteStream, writeFileSync } from 'node:fs';
import { AgentPoolMetrics } from './agent-pool-metrics';
import { AgentSession, type AgentSessionSink } from './agent-session';

const env = process.env;
const BASE_URL = (env.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const AGENTS = Number(env.LOAD_AGENTS ?? 20);
const THINK_MS = Number(env.LOAD_THINK_MS ?? 1000);
const WARMUP_MS = parseDuration(env.LOAD_WARMUP ?? '8s');
const DURATION_MS = parseDuration(env.LOAD_DURATION ?? '45s');
const DRAIN_MS = parseDuration(env.LOAD_DRAIN ?? '10s');
const LOGIN_RAMP_MS = parseDuration(env.LOAD_LOGIN_RAMP ?? '0s');
/** Logins in flight at once: a ramp of 0 would otherwise open thousands of requests in one instant. */
const MAX_LOGINS_IN_FLIGHT = 200;

async function main(linesPath: string, summaryPath: string): Promise<void> {
  const runId = env.LOAD_RUN_ID;
  const password = env.AGENT_PASSWORD;
  if (!runId || !password)
    throw new Error('LOAD_RUN_ID and AGENT_PASSWORD must be set; run through `npm run load`');
  const start = Date.now();
  const arrivalsEnd = start + WARMUP_MS + DURATION_MS;
  const sessionEnd = arrivalsEnd + DRAIN_MS;
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
          arrivalsEnd,
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
  setTimeout(() => void finish(), Math.max(0, sessionEnd - Date.now()));

  await loginOnRamp(sessions, start);
  console.log(`[agents] ${metrics.count('agents_ready')}/${AGENTS} ready after ${Date.now() - start} ms`);
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

main(process.argv[2] ?? 'agents.log', process.argv[3] ?? 'agents-summary.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
