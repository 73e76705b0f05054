import { createRoutingEngine } from '@switchboard/routing-core';
import { Driver, World } from './bench/routing-workload';
import { isEligible } from './libs/routing-core/src/policy/eligibility.policy';
import { candidateOf } from './libs/routing-core/src/policy/agent-ranking.policy';
import { selectFromPools } from './libs/routing-core/src/engine/agent-selection';
import type { RoutingState } from './libs/routing-core/src/engine/routing-state';
const clock = { t: 1_700_000_000_000 };
const engine = createRoutingEngine({ clock: { now: () => clock.t } });
const d = new Driver(new World({ agents: 5000, skills: 100, waiting: 10000, seed: 42 }), engine, clock);
d.setup(); d.fill(10000); d.stream(20000);
const state = (globalThis as any).__state as RoutingState;
const contacts = [...state.contacts.values()].filter((c) => c.status === 'waiting').slice(0, 2000);
const tenant = state.tenant('bench');
let scanned = 0, elig = 0;
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now();
  for (const c of contacts) { const pools = tenant.candidatePools(c.classIndex, c.reqs, c.languageId); for (const p of pools) for (const a of p) { scanned++; } }
  console.log('iterate only', (performance.now() - t).toFixed(1), 'ms', scanned);
  t = performance.now();
  for (const c of contacts) { const pools = tenant.candidatePools(c.classIndex, c.reqs, c.languageId); for (const p of pools) for (const a of p) { if (isEligible(a, c)) elig++; } }
  console.log('isEligible', (performance.now() - t).toFixed(1), 'ms', elig);
  t = performance.now();
  for (const c of contacts) selectFromPools(state, c);
  console.log('selectFromPools', (performance.now() - t).toFixed(1), 'ms');
}
// pool sizes
let tot = 0, n = 0; for (const c of contacts) { const pools = tenant.candidatePools(c.classIndex, c.reqs, c.languageId); for (const p of pools) tot += p.size; n++; }
console.log('avg pool', tot / n, 'readyAll', tenant.readyAll.map((s) => s.size));
import { bestContactFor } from './libs/routing-core/src/engine/contact-pull';
const agents = [...state.agents.values()];
const out = { contact: null, score: 0 } as any;
let buckets = 0; for (const m of tenant.buckets) for (const s of m.values()) buckets += s.size;
console.log('buckets', buckets, 'readyMask dist', [0,1,2,3,4].map(k => agents.filter(a => a.computeReadyMask().toString(2).split('').filter(x => x === '1').length === k).length));
for (let rep = 0; rep < 3; rep++) {
  const t = performance.now(); let found = 0;
  for (const a of agents) { bestContactFor(a, clock.t, out); if (out.contact) found++; }
  console.log('bestContactFor x5000', (performance.now() - t).toFixed(1), 'ms found', found);
}
