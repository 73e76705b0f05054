// The ingest benchmark's measured phases: saturation (a burst as fast as Kafka takes it, timed to the last
// record's `message.received`) and latency (paced records, each timed from its send to its event).
import { availableParallelism } from 'node:os';
import { cpuBetween, snapshotCpu, type CpuSplit } from './cpu-split';
import type { EventTracker, WaitLimits, WaitOutcome } from './event-tracker';
import type { IngestProducer } from './ingest-producer';
import type { IngestWorkload } from './ingest-workload';
import { machineTicks, type RouterProcess } from './router-process';
import { percentile } from './stats';

export interface PhaseUsage {
  readonly outcome: WaitOutcome;
  readonly seconds: number;
  /** Router CPU over the phase, in % of one core. */
  readonly routerCpuPct: number;
  /** This benchmark's own producer and consumer, in % of one core: it shares the cores with the router. */
  readonly benchCpuPct: number;
  /** Every process on the machine, in % of one core (max 100 x cores). */
  readonly machineBusyPct: number;
  /** CPU seconds over the phase, split between the router, PostgreSQL, Kafka, this benchmark and the rest. */
  readonly cpu: CpuSplit;
}

export interface SaturationResult extends PhaseUsage {
  readonly records: number;
  readonly stored: number;
  /** Records per second from the first send to the last stored record (to the last progress if it stalled). */
  readonly msgsPerSec: number;
}

export interface LatencyResult extends PhaseUsage {
  readonly rate: number;
  readonly sent: number;
  /** Sorted produce -> message.received latencies in ms. */
  readonly latencies: number[];
  readonly p50: number;
  readonly p99: number;
}

export interface PhaseDeps {
  readonly router: RouterProcess;
  readonly producer: IngestProducer;
  readonly tracker: EventTracker;
  readonly workload: IngestWorkload;
  readonly limits: WaitLimits;
  /** The bench's database, whose PostgreSQL backends the CPU split counts. */
  readonly database: string;
}

export async function saturate(deps: PhaseDeps, records: number): Promise<SaturationResult> {
  const from = deps.workload.produced;
  const t0 = performance.now();
  const usage = await measure(deps, async () => {
    await deps.producer.flatOut(records);
    return deps.tracker.waitFor(from, from + records, deps.limits);
  });
  const stored = deps.tracker.countArrived(from, from + records);
  const end =
    usage.outcome === 'done' ? t0 + usage.seconds * 1000 : deps.tracker.lastArrival(from, from + records);
  return { ...usage, records, stored, msgsPerSec: stored > 0 ? stored / ((end - t0) / 1000) : 0 };
}

export async function pace(deps: PhaseDeps, rate: number, seconds: number): Promise<LatencyResult> {
  const from = deps.workload.produced;
  const sentAt: number[] = [];
  const usage = await measure(deps, async () => {
    await deps.producer.paced(rate, seconds * 1000, sentAt);
    return deps.tracker.waitFor(from, deps.workload.produced, deps.limits);
  });
  const latencies: number[] = [];
  for (let s = from; s < deps.workload.produced; s++) {
    const arrived = deps.tracker.arrivedAt[s];
    if (arrived !== undefined && sentAt[s] !== undefined) latencies.push(arrived - sentAt[s]);
  }
  latencies.sort((a, b) => a - b);
  return {
    ...usage,
    rate,
    sent: deps.workload.produced - from,
    latencies,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Runs a phase and reports its wall time and the router's and the whole machine's CPU over it. */
async function measure(
  { router, database }: PhaseDeps,
  work: () => Promise<WaitOutcome>,
): Promise<PhaseUsage> {
  const split0 = snapshotCpu(router.pid, database);
  const cpu0 = router.cpuSeconds();
  const self0 = process.cpuUsage();
  const m0 = machineTicks();
  const t0 = performance.now();
  const outcome = await work();
  const seconds = (performance.now() - t0) / 1000;
  const m1 = machineTicks();
  const self = process.cpuUsage(self0);
  const cpu = cpuBetween(split0, snapshotCpu(router.pid, database));
  return {
    cpu,
    outcome,
    seconds,
    routerCpuPct: ((router.cpuSeconds() - cpu0) / seconds) * 100,
    benchCpuPct: ((self.user + self.system) / 1e6 / seconds) * 100,
    machineBusyPct: ((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100 * availableParallelism(),
  };
}

export function describeUsage(phase: PhaseUsage): string {
  return (
    `router ${phase.routerCpuPct.toFixed(0)}% of one core, this benchmark ${phase.benchCpuPct.toFixed(0)}%, whole machine ` +
    `${phase.machineBusyPct.toFixed(0)}% of ${availableParallelism() * 100}%`
  );
}
