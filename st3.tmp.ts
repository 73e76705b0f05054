import { createRoutingEngine } from '@switchboard/routing-core';
import { Driver, World } from './bench/routing-workload';
const clock = { t: 1_700_000_000_000 };
const engine = createRoutingEngine({ clock: { now: () => clock.t } });
const d = new Driver(new World({ agents: 5000, skills: 100, waiting: 10000, seed: 42 }), engine, clock);
d.setup(); d.fill(10000); d.stream(10000);
(globalThis as any).__pull = undefined; (globalThis as any).__calls = undefined;
const r = d.stream(60000);
console.log((globalThis as any).__pull, (globalThis as any).__calls, r.decisions);
