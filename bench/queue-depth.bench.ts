// What the historical queue depth costs the router per batch: reading every queue's counts from the routing
// core (a scan of its held contacts) and the depth tracker's spans, over the routing benchmark's world.
// Prints figures; asserts nothing.
import { createQueueDepthTracker, rollUp } from '@switchboard/metrics';
import { createRoutingEngine } from '@switchboard/routing-core';
import { queueDepthsOf } from '../libs/routing-service/src/metrics/queue-depths.mapper';
import { Driver, median, World } from './routing-workload';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 5_000);
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 2_000);
const OPS_PER_BATCH = Number(process.env.BENCH_OPS_PER_BATCH ?? 20);
const T0 = 1_700_000_000_000;

const clock = { t: T0 };
const engine = createRoutingEngine({ clock: { now: () => clock.t } });
const world = new World({ agents: AGENTS, skills: 100, waiting: WAITING, seed: 42 });
const driver = new Driver(world, engine, clock);
driver.setup();
driver.fill(WAITING);
const tracker = createQueueDepthTracker('bench');
tracker.restore(clock.t, queueDepthsOf(engine.listLoad().queues));

const readUs: number[] = [];
const rollUs: number[] = [];
let spans = 0;
for (let i = 0; i < BATCHES; i++) {
  driver.stream(OPS_PER_BATCH);
  const t0 = performance.now();
  const depths = queueDepthsOf(engine.listLoad().queues);
  const facts = tracker.observe(clock.t, depths);
  const t1 = performance.now();
  rollUp(facts, { timeZone: 'UTC' });
  const t2 = performance.now();
  readUs.push((t1 - t0) * 1000);
  rollUs.push((t2 - t1) * 1000);
  spans += facts.length;
}
const held = engine.listLoad();
console.log(
  JSON.stringify(
    {
      queues: held.queues.length,
      agents: held.agents.length,
      contactsHeld: held.queues.reduce((s, q) => s + q.waiting + q.offered + q.assigned, 0),
      batches: BATCHES,
      opsPerBatch: OPS_PER_BATCH,
      depthFactsPerBatch: spans / BATCHES,
      readAndTrackMedianUs: median(readUs),
      rollUpMedianUs: median(rollUs),
    },
    null,
    2,
  ),
);
