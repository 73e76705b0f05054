import { createRoutingEngine } from '@switchboard/routing-core';
import { Driver, World } from './bench/routing-workload';
import type { RoutingState } from './libs/routing-core/src/engine/routing-state';
const clock = { t: 1_700_000_000_000 };
const engine = createRoutingEngine({ clock: { now: () => clock.t } });
const d = new Driver(new World({ agents: 5000, skills: 100, waiting: 10000, seed: 42 }), engine, clock);
d.setup(); d.fill(10000); const r = d.stream(30000);
const state = (globalThis as any).__state as RoutingState;
const tenant = state.tenant('bench');
const agents = [...state.agents.values()];
console.log('waiting', d.waiting, 'truly ready per class', [0,1,2,3].map(c => agents.filter(a => a.computeReadyMask() & (1 << c)).length), 'filed', tenant.readyAll.size);
let buckets = 0; for (const m of tenant.buckets) for (const s of m.values()) buckets += s.size;
console.log('buckets', buckets, 'decisions', r.decisions, 'applies', r.applies);
const units = new Map<number, number>(); for (const a of agents) units.set(a.usedUnits, (units.get(a.usedUnits) ?? 0) + 1); console.log('units dist', [...units].sort());
import { bestContactFor } from './libs/routing-core/src/engine/contact-pull';
const out = { contact: null, score: 0 } as any;
const ready = agents.filter(a => a.computeReadyMask() !== 0);
for (let rep = 0; rep < 3; rep++) {
  const t = performance.now(); let found = 0;
  for (const a of ready) { bestContactFor(a, clock.t, out); if (out.contact) found++; }
  console.log('bestContactFor per call us', ((performance.now() - t) * 1000 / ready.length).toFixed(2), 'found', found, 'of', ready.length);
}
let visits = 0, sets = 0;
for (const a of ready) { const m = a.computeReadyMask(); for (let c = 0; c < 4; c++) if (m & (1 << c)) { const bp = tenant.buckets[c]; const s0 = bp.get(-1); if (s0) visits += s0.size; for (const id of a.skillIds) { const s = bp.get(id); if (s) { visits += s.size; sets++; } } } }
console.log('avg buckets visited', visits / ready.length, 'sets', sets / ready.length);
{
let visits = 0, elig = 0, n = 0;
for (const a of agents) { const m = a.computeReadyMask(); if (!m) continue; n++; for (let c = 0; c < 4; c++) if (m & (1 << c)) { const bp = tenant.buckets[c]; const sets = [bp.get(-1), ...a.skillIds.map(id => bp.get(id))]; for (const s of sets) if (s) for (const b of s) { visits++; if (a.speaks(b.languageId) && a.meets(b.reqs)) elig++; } } }
console.log('ready agents', n, 'avg visits', visits / n, 'avg eligible buckets', elig / n);
}
{
let visits = 0, elig = 0, n = 0;
for (const a of agents) { if (a.computeReadyMask()) continue; n++; for (let c = 0; c < 4; c++) { const bp = tenant.buckets[c]; const sets = [bp.get(-1), ...a.skillIds.map(id => bp.get(id))]; for (const s of sets) if (s) for (const b of s) { visits++; if (a.speaks(b.languageId) && a.meets(b.reqs)) elig++; } } }
console.log('full agents', n, 'avg visits (all classes)', visits / n, 'avg eligible buckets', elig / n);
}
