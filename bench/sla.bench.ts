// SLA timer benchmark: 1,000,000 deadlines over 1,000 tenants, scheduled one by one and in bulk, fired by
// advancing a virtual clock through the driver (one host timer, as in production), rescheduled,
// cancelled, and dropped tenant by tenant. Prints figures and, last, one JSON line; medians over rounds.
import { TimerDriver, type ScheduledTimer } from '@switchboard/sla';
import { ManualTimerHost } from '../libs/sla/src/testing/manual-timer-host';
import { median } from './routing-workload';
import { buildTimers, seededRandom, shuffled } from './sla-workload';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 1_000_000);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const T0 = 1_700_000_000_000;
const MB = 1024 * 1024;

/** A phase's throughput by the wall clock and by this process's CPU time (the machine is shared). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

const PHASES = [
  'schedule',
  'bulk_schedule',
  'fire',
  'catch_up',
  'reschedule',
  'cancel',
  'drop_tenant',
] as const;
type Phase = (typeof PHASES)[number];

interface RoundFigures {
  rates: Record<Phase, Rate>;
  wakes: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  cpuShare: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / MB;
}

function rate(count: number, run: () => void): Rate {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: count / (wallMs / 1000), cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

/** A driver on a virtual clock whose handler checks that nothing fires early or out of due order. */
function drivenQueue(start: number): { driver: TimerDriver; host: ManualTimerHost; fired: () => number } {
  const host = new ManualTimerHost(start);
  let fired = 0;
  let lastDue = -Infinity;
  const onDue = (batch: readonly ScheduledTimer[], firedAt: number): void => {
    for (const t of batch) {
      if (t.dueAt > firedAt || t.dueAt < lastDue)
        throw new Error(`timer ${t.key} fired early or out of order`);
      lastDue = t.dueAt;
    }
    fired += batch.length;
  };
  const logger = {
    error: (context: Record<string, unknown>): never => {
      throw context.err;
    },
  };
  const driver = new TimerDriver({ now: host.now, host, logger, onDue });
  return { driver, host, fired: () => fired };
}

function lastDue(timers: readonly ScheduledTimer[]): number {
  let max = -Infinity;
  for (const t of timers) max = Math.max(max, t.dueAt);
  return max;
}

function round(timers: readonly ScheduledTimer[], end: number, seed: number): RoundFigures {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const heapBeforeMb = heapMb();

  // One by one, as conversations open; then fire everything in due order through the host timer.
  const single = drivenQueue(T0);
  const schedulePerSec = rate(timers.length, () => {
    for (const t of timers) single.driver.schedule(t.tenantId, t.key, t.dueAt);
  });
  const heapAfterMb = heapMb();
  const armings0 = single.host.armings;
  const firePerSec = rate(timers.length, () => single.host.advanceTo(end));
  if (single.fired() !== timers.length) throw new Error(`fired ${single.fired()} of ${timers.length}`);
  const wakes = single.host.armings - armings0;

  // Bulk, as after a restart or a rebalance; then churn and drop every tenant.
  const bulk = drivenQueue(T0);
  const bulkPerSec = rate(timers.length, () => bulk.driver.scheduleMany(timers));
  const churnCount = Math.floor(timers.length / 5); // reschedules, then cancels: one in five each
  const random = seededRandom(seed);
  const churn = shuffled(timers, random).slice(0, 2 * churnCount);
  const reschedulePerSec = rate(churnCount, () => {
    for (let i = 0; i < churnCount; i++) {
      const t = churn[i];
      bulk.driver.schedule(t.tenantId, t.key, t.dueAt + 15 * 60_000);
    }
  });
  const cancelPerSec = rate(churnCount, () => {
    for (let i = churnCount; i < 2 * churnCount; i++) bulk.driver.cancel(churn[i].tenantId, churn[i].key);
  });
  const remaining = bulk.driver.queue.size;
  const dropTimersPerSec = rate(remaining, () => {
    for (let i = 0; i < TENANTS; i++) bulk.driver.dropTenant(`tenant-${String(i).padStart(4, '0')}`);
  });
  if (bulk.driver.queue.size !== 0) throw new Error('tenants left timers behind');

  // Catch-up: a restart after everything fell due delivers in batches of 1,000, 16 batches a wake.
  const overdue = drivenQueue(end);
  overdue.driver.scheduleMany(timers);
  const catchUpPerSec = rate(timers.length, () => overdue.host.advanceTo(end));
  if (overdue.fired() !== timers.length) throw new Error(`caught up ${overdue.fired()} of ${timers.length}`);

  const cpu = process.cpuUsage(cpu0);
  const cpuShare = Math.min(1, (cpu.user + cpu.system) / 1000 / (performance.now() - wall0));
  const rates: Record<Phase, Rate> = {
    schedule: schedulePerSec,
    bulk_schedule: bulkPerSec,
    fire: firePerSec,
    catch_up: catchUpPerSec,
    reschedule: reschedulePerSec,
    cancel: cancelPerSec,
    drop_tenant: dropTimersPerSec,
  };
  return { rates, wakes, heapBeforeMb, heapAfterMb, cpuShare };
}

const started = performance.now();
const timers = buildTimers(TIMERS, TENANTS, T0, 7);
const end = lastDue(timers);
round(buildTimers(Math.min(TIMERS, 100_000), TENANTS, T0, 8), end, 1); // warm-up: let the JIT settle
const rounds: RoundFigures[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(round(timers, end, 100 + i));

const med = (pick: (r: RoundFigures) => number): number => median(rounds.map(pick));
const k = (n: number): string => `${Math.round(n / 1_000)}k`;
console.log(
  `sla timers bench: ${TIMERS} timers over ${TENANTS} tenants, ${ROUNDS} rounds, due over ${((end - T0) / 86_400_000).toFixed(1)} days${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`,
);
console.log('timers/s by the wall clock (by CPU time in brackets); drop_tenant counts the dropped timers');
rounds.forEach((r, i) =>
  console.log(
    `round ${i + 1}: ${PHASES.map((p) => `${p} ${k(r.rates[p].wall)} (${k(r.rates[p].cpu)})`).join(', ')}, ${r.wakes} fire wakes, heap ${r.heapBeforeMb.toFixed(1)} -> ${r.heapAfterMb.toFixed(1)} MB, cpu share ${r.cpuShare.toFixed(2)}`,
  ),
);
const queueMb = med((r) => r.heapAfterMb - r.heapBeforeMb);
console.log(`queue heap: ${queueMb.toFixed(1)} MB, ${Math.round((queueMb * MB) / TIMERS)} bytes per timer`);
console.log(`total run time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
// A cpu share well below 1 means other processes had the cores: the wall-clock rates understate the
// queue, and the CPU-time rates are the steadier figure.
const figures: Record<string, number> = { timers: TIMERS, tenants: TENANTS };
for (const p of PHASES) {
  figures[`${p}_per_sec`] = Math.round(med((r) => r.rates[p].wall));
  figures[`${p}_per_cpu_sec`] = Math.round(med((r) => r.rates[p].cpu));
}
Object.assign(figures, {
  fire_wakes: Math.round(med((r) => r.wakes)),
  heap_before_mb: Number(med((r) => r.heapBeforeMb).toFixed(1)),
  heap_after_mb: Number(med((r) => r.heapAfterMb).toFixed(1)),
  queue_bytes_per_timer: Math.round((queueMb * MB) / TIMERS),
  cpu_share: Number(med((r) => r.cpuShare).toFixed(2)),
});
console.log(JSON.stringify(figures));
