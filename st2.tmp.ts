import { createRoutingEngine } from '@switchboard/routing-core';
import { Driver, World } from './bench/routing-workload';
const results: number[] = [];
const world0 = new World({ agents: 5000, skills: 100, waiting: 10000, seed: 42 });
for (let rep = 0; rep < Number(process.env.REPS ?? 3); rep++) {
  const clock = { t: 1_700_000_000_000 };
  const engine = createRoutingEngine({ clock: { now: () => clock.t } });
  const d = new Driver(new World({ agents: 5000, skills: 100, waiting: 10000, seed: 42 }), engine, clock);
  d.setup(); d.fill(10000); d.stream(10000);
  const r = d.stream(60000);
  results.push(r.engineMs);
  const sorted = r.latenciesMs.slice().sort();
  console.log(`rep ${rep}: ${r.decisions} decisions, ${Math.round(r.engineMs)} ms, ${Math.round(r.decisions / r.engineMs * 1000)} dec/s, p50 ${sorted[Math.floor(sorted.length * 0.5)].toFixed(4)} p99 ${sorted[Math.floor(sorted.length * 0.99)].toFixed(4)}`);
}
console.log('min ms', Math.round(Math.min(...results)));
