// Metrics benchmark: how fast rollUp turns a router chunk's facts into rows, and summarize reads a day of
// quarter-hour rows. Prints figures and, last, one JSON line; medians over rounds, as the machine is shared.
import { rollUp, summarize, type MetricFact } from '@switchboard/metrics';

const CHUNK = Number(process.env.BENCH_CHUNK ?? 500);
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const QUEUES = 50;
const AGENTS = 300;
const CHANNELS = ['chat', 'email', 'whatsapp', 'messenger'] as const;
const DAY_START = Date.parse('2026-03-02T05:00:00Z');
const TIME_ZONE = 'America/New_York';

/** Park-Miller, so every run rolls up the same facts. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

function dayOfFacts(count: number): MetricFact[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const queues = Array.from({ length: QUEUES }, (_, i) => `q${i}`);
  const agents = Array.from({ length: AGENTS }, (_, i) => `a${i}`);
  const facts: MetricFact[] = [];
  while (facts.length < count) {
    const at = DAY_START + Math.floor(next() * 86_400_000);
    const base = { tenantId: 't1', at, queueId: pick(queues), channel: pick(CHANNELS) };
    const agentId = pick(agents);
    const waitMs = Math.floor(next() * 300_000);
    facts.push(
      { kind: 'contactQueued', ...base },
      { kind: 'contactAnswered', ...base, agentId, waitMs, thresholdMs: 20_000 },
      {
        kind: 'responseMeasured',
        ...base,
        agentId,
        response: 'first',
        ms: waitMs + 30_000,
        withinTarget: true,
      },
      { kind: 'contactHandled', ...base, agentId, handleMs: Math.floor(next() * 1_800_000) },
      { kind: 'agentEngagedSpan', tenantId: 't1', agentId, start: at, ms: Math.floor(next() * 1_800_000) },
    );
  }
  // The router rolls up what one chunk wrote: facts close together in time, so a chunk touches few buckets.
  const kept = facts.slice(0, count);
  return kept.sort((a, b) => instantOf(a) - instantOf(b));
}

const instantOf = (fact: MetricFact): number => ('at' in fact ? fact.at : fact.start);
const median = (values: number[]): number =>
  values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

const facts = dayOfFacts(CHUNK * CHUNKS);
const chunks = Array.from({ length: CHUNKS }, (_, i) => facts.slice(i * CHUNK, (i + 1) * CHUNK));
const factsPerSec: number[] = [];
const factsPerCpuSec: number[] = [];
const rowsPerChunk: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const chunk of chunks) rowsPerChunk.push(rollUp(chunk, { timeZone: TIME_ZONE }).length);
  const used = process.cpuUsage(cpu);
  factsPerSec.push((CHUNK * CHUNKS) / ((performance.now() - started) / 1000));
  // Per second of this process's CPU: the figure that survives a machine shared with other work.
  factsPerCpuSec.push((CHUNK * CHUNKS) / ((used.user + used.system) / 1e6));
}

const allRows = rollUp(facts, { timeZone: TIME_ZONE });
const tenantDay = allRows.filter((r) => r.dimension === 'tenant' && r.interval === '15m');
const summarizeMs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  summarize(tenantDay);
  summarizeMs.push(performance.now() - started);
}

console.log(
  `metrics bench: ${CHUNKS} chunks x ${CHUNK} facts, ${QUEUES} queues, ${AGENTS} agents, ${ROUNDS} rounds`,
);
factsPerSec.forEach((f, i) =>
  console.log(
    `round ${i + 1}: rollUp ${Math.round(f)} facts/s (${Math.round(factsPerCpuSec[i])} per cpu-second)`,
  ),
);
console.log(`rows per chunk (median): ${median(rowsPerChunk)}; rows for the whole day: ${allRows.length}`);
console.log(
  `summarize one day of ${tenantDay.length} quarter-hour rows: ${median(summarizeMs).toFixed(3)} ms (median)`,
);
console.log(
  JSON.stringify({
    rollup_facts_per_sec: Math.round(median(factsPerSec)),
    rollup_facts_per_cpu_sec: Math.round(median(factsPerCpuSec)),
    rows_per_chunk: median(rowsPerChunk),
    day_rows: allRows.length,
    summarize_day_ms: Number(median(summarizeMs).toFixed(3)),
  }),
);
