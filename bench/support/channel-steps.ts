// One measured step of the channel benchmark: `lanes` concurrent senders on one channel for a fixed time, each
// waiting for its acknowledgement before the next request (a closed loop, so the rate is what the channel
// sustains at that concurrency). Then it waits until the router has stored every acknowledged message, so
// the next step starts on an idle system, and derives the step's rate, latencies and CPU.
import { availableParallelism } from 'node:os';
import type { ChannelDriver, BenchChannel, SeqLedger } from './channel-driver';
import type { EventTracker, WaitLimits, WaitOutcome } from './event-tracker';
import { machineTicks, type RouterProcess } from './router-process';
import { sleep } from './stats';

export interface StepDeps {
  readonly ledger: SeqLedger;
  readonly tracker: EventTracker;
  readonly gateway: RouterProcess;
  readonly router: RouterProcess;
  readonly limits: WaitLimits;
}

export interface StepResult {
  readonly channel: BenchChannel;
  readonly lanes: number;
  readonly seconds: number;
  readonly requests: number;
  /** Requests the channel did not acknowledge, by what it answered. */
  readonly refusals: ReadonlyMap<string, number>;
  /** New messages acknowledged (redeliveries not counted). */
  readonly acked: readonly number[];
  readonly redeliveries: number;
  /** Acknowledged new messages per second, from the first send to the last acknowledgement. */
  readonly msgsPerSec: number;
  /** Per acknowledged request, send -> acknowledgement, ms. */
  readonly ackMs: readonly number[];
  /** Per acknowledged message, acknowledgement -> stored (`message.received`), ms; negative when stored first. */
  readonly storedMs: readonly number[];
  readonly drained: WaitOutcome;
  readonly gatewayCpuPct: number;
  readonly routerCpuPct: number;
  readonly benchCpuPct: number;
  readonly machineBusyPct: number;
}

export async function runStep(
  driver: ChannelDriver,
  lanes: number,
  seconds: number,
  deps: StepDeps,
): Promise<StepResult> {
  await driver.open(lanes);
  const refusals = new Map<string, number>();
  const acked: number[] = [];
  const ackMs: number[] = [];
  let requests = 0;
  let redeliveries = 0;
  const usage = startUsage(deps);
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let lastAck = t0;
  const lane = async (index: number): Promise<void> => {
    while (performance.now() < deadline) {
      const outcome = await driver.send(index);
      requests++;
      if (outcome.refusal) {
        const reason = outcome.refusal.slice(0, 80);
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        continue;
      }
      ackMs.push(outcome.endedAt - outcome.startedAt);
      lastAck = Math.max(lastAck, outcome.endedAt);
      if (outcome.redelivery) redeliveries++;
      for (const seq of outcome.seqs) {
        deps.ledger.ackAt[seq] = outcome.endedAt;
        acked.push(seq);
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  const used = usage.stop();
  await driver.close();
  const drained = await waitStored(deps.tracker, acked, deps.limits);
  const storedMs: number[] = [];
  for (const seq of acked) {
    const stored = deps.tracker.arrivedAt[seq];
    const ack = deps.ledger.ackAt[seq];
    if (stored !== undefined && ack !== undefined) storedMs.push(stored - ack);
  }
  return {
    channel: driver.channel,
    lanes,
    requests,
    refusals,
    acked,
    redeliveries,
    msgsPerSec: acked.length / ((lastAck - t0) / 1000),
    ackMs,
    storedMs,
    drained,
    ...used,
  };
}

/** Waits until the router stored every seq; gives up as EventTracker.waitFor does. */
async function waitStored(
  tracker: EventTracker,
  seqs: readonly number[],
  limits: WaitLimits,
): Promise<WaitOutcome> {
  const start = performance.now();
  let lastCount = tracker.received;
  let lastProgress = start;
  let next = 0;
  for (;;) {
    while (next < seqs.length && tracker.arrivedAt[seqs[next]] !== undefined) next++;
    if (next >= seqs.length) return 'done';
    const now = performance.now();
    if (tracker.received !== lastCount) {
      lastCount = tracker.received;
      lastProgress = now;
    }
    if (now - start > limits.timeoutMs) return 'timeout';
    if (now - lastProgress > limits.stallMs) return 'stalled';
    await sleep(10);
  }
}

interface Usage {
  stop(): {
    seconds: number;
    gatewayCpuPct: number;
    routerCpuPct: number;
    benchCpuPct: number;
    machineBusyPct: number;
  };
}

/** CPU of the gateway, the router, this benchmark and the whole machine from now until stop(). */
function startUsage({ gateway, router }: StepDeps): Usage {
  const g0 = gateway.cpuSeconds();
  const r0 = router.cpuSeconds();
  const self0 = process.cpuUsage();
  const m0 = machineTicks();
  const t0 = performance.now();
  return {
    stop: () => {
      const seconds = (performance.now() - t0) / 1000;
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const pct = (cpu: number): number => (cpu / seconds) * 100;
      return {
        seconds,
        gatewayCpuPct: pct(gateway.cpuSeconds() - g0),
        routerCpuPct: pct(router.cpuSeconds() - r0),
        benchCpuPct: pct((self.user + self.system) / 1e6),
        machineBusyPct:
          ((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100 * availableParallelism(),
      };
    },
  };
}
