// Routing core benchmark: 5,000 agents, 100 skills, 10,000 waiting contacts over 4 channel classes,
// then a steady stream of arrivals, completions, declines and status changes. Prints figures and,
// last, one JSON line. Medians over several rounds, because the machine may be shared.
import { createRoutingEngine } from '@switchboard/routing-core';
import { NaiveRouter } from './naive-router';
import { Driver, median, percentile, World, type StreamResult } from './routing-workload';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5_000);
const SKILLS = 100;
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OPS_PER_ROUND = Number(process.env.BENCH_OPS ?? 40_000);
const BASELINE_OPS = Number(process.env.BENCH_BASELINE_OPS ?? 600);
const T0 = 1_700_000_000_000;

interface RoundFigures {
  decisionsPerSec: number;
  cpuShare: number;
  appliesPerSec: number;
  p50: number;
  p99: number;
  p999: number;
}

function figures(r: StreamResult): RoundFigures {
  const sorted = r.latenciesMs.slice().sort();
  return {
    decisionsPerSec: r.decisions / (r.engineMs / 1000),
    cpuShare: r.cpuShare,
    appliesPerSec: r.applies / (r.engineMs / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
  };
}

function runEngine(): { rounds: RoundFigures[]; waiting: number; setupMs: number } {
  const clock = { t: T0 };
  const engine = createRoutingEngine({ clock: { now: () => clock.t } });
  const world = new World({ agents: AGENTS, skills: SKILLS, waiting: WAITING, seed: 42 });
  const driver = new Driver(world, engine, clock);
  const t0 = performance.now();
  driver.setup();
  const waiting = driver.fill(WAITING);
  const setupMs = performance.now() - t0;
  driver.stream(OPS_PER_ROUND / 2); // warm-up: let the JIT settle
  const rounds: RoundFigures[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(figures(driver.stream(OPS_PER_ROUND)));
  return { rounds, waiting, setupMs };
}

function runBaseline(): RoundFigures[] {
  const clock = { t: T0 };
  const world = new World({ agents: AGENTS, skills: SKILLS, waiting: WAITING, seed: 42 });
  const driver = new Driver(world, new NaiveRouter(clock), clock);
  driver.setup();
  driver.fill(WAITING);
  driver.stream(BASELINE_OPS / 5);
  const rounds: RoundFigures[] = [];
  for (let i = 0; i < 3; i++) rounds.push(figures(driver.stream(BASELINE_OPS)));
  return rounds;
}

function fmt(n: number, digits = 3): string {
  return n.toFixed(digits);
}

const started = performance.now();
const engine = runEngine();
const baseline = runBaseline();
const dps = median(engine.rounds.map((r) => r.decisionsPerSec));
const baseDps = median(baseline.map((r) => r.decisionsPerSec));
console.log(
  `routing-core bench: ${AGENTS} agents, ${SKILLS} skills, ${engine.waiting} waiting, ${ROUNDS} rounds x ${OPS_PER_ROUND} ops`,
);
console.log(`setup (queues, agents, fill): ${fmt(engine.setupMs / 1000, 1)} s`);
engine.rounds.forEach((r, i) =>
  console.log(
    `round ${i + 1}: ${Math.round(r.decisionsPerSec)} decisions/s, ${Math.round(r.appliesPerSec)} commands/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, p99.9 ${fmt(r.p999)} ms, cpu share ${fmt(r.cpuShare, 2)}`,
  ),
);
console.log(
  `naive baseline (scan every agent / every waiting contact): ${Math.round(baseDps)} decisions/s, p99 ${fmt(median(baseline.map((r) => r.p99)))} ms`,
);
console.log(`total run time: ${fmt((performance.now() - started) / 1000, 1)} s`);
// The clock figures count any time the OS gave the core to another process; a cpu share well below 1
// means the machine was busy and the figures understate the engine.
const cpuShare = median(engine.rounds.map((r) => r.cpuShare));
console.log(
  JSON.stringify({
    decisions_per_sec: Math.round(dps),
    p50_ms: Number(fmt(median(engine.rounds.map((r) => r.p50)), 4)),
    p99_ms: Number(fmt(median(engine.rounds.map((r) => r.p99)), 4)),
    p999_ms: Number(fmt(median(engine.rounds.map((r) => r.p999)), 4)),
    baseline_ratio: Number(fmt(dps / baseDps, 1)),
    cpu_share: Number(fmt(cpuShare, 2)),
    agents: AGENTS,
    waiting: engine.waiting,
  }),
);
