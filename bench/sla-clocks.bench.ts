// SLA clock engine benchmark: whole conversations (open, replies, waits, a transfer, resolve, timer ticks)
// folded through applyClockInput, on 24/7 and on a split-day Lisbon calendar with holidays. Prints the
// inputs applied per second and the per-input latency; medians over several rounds, as the machine is shared.
import { SlaTargetsSchema } from '@switchboard/contracts';
import {
  applyClockInput,
  matchSlaPolicy,
  newConversationClocks,
  type BusinessCalendar,
  type ClockInput,
  type SlaPolicyRules,
} from '@switchboard/sla';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MIN = 60_000;
const T0 = Date.parse('2024-03-25T08:00:00Z');

const lisbon: BusinessCalendar = {
  timeZone: 'Europe/Lisbon',
  weekly: [1, 2, 3, 4, 5].flatMap((day) => [
    { day, open: '09:00', close: '12:00' },
    { day, open: '13:00', close: '17:00' },
  ]),
  holidays: ['2024-04-25', '2024-05-01', '2024-06-10', '2024-12-25'],
};

const policy = (id: string, calendar: BusinessCalendar | null, scale: number): SlaPolicyRules => ({
  id,
  calendar,
  warnAtPercent: 75,
  onWarning: [{ type: 'notifySupervisors' }],
  onBreach: [{ type: 'raiseScore', by: 50 }],
  targets: SlaTargetsSchema.parse({
    firstResponseMs: { chat: 30 * MIN * scale },
    nextResponseMs: { chat: 20 * MIN * scale },
    resolutionMs: { chat: 240 * MIN * scale },
  }),
});

/** One conversation's inputs: ticks at every wakeAt are added while folding. */
function script(i: number, calendar: BusinessCalendar | null): ClockInput[] {
  const subject = { channelClass: 'chat' as const, tier: 'gold', priority: i % 100 };
  let at = T0 + (i % 500) * 37 * MIN;
  const next = (minutes: number): number => (at += minutes * MIN);
  return [
    { type: 'opened', at, sla: matchSlaPolicy(policy('a', calendar, 1), subject) },
    { type: 'agentReply', at: next(20 + (i % 30)) },
    { type: 'customerMessage', at: next(5) },
    { type: 'agentReply', at: next(10 + (i % 25)) },
    { type: 'waitingOnCustomer', at: next(1) },
    { type: 'customerMessage', at: next(240) },
    { type: 'transferred', at: next(3), sla: matchSlaPolicy(policy('b', calendar, 0.5), subject) },
    { type: 'agentReply', at: next(15) },
    { type: 'resolved', at: next(30) },
  ];
}

function round(calendar: BusinessCalendar | null): { inputsPerSec: number; p50us: number; p99us: number } {
  const latencies: number[] = [];
  let applied = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < CONVERSATIONS; i += 1) {
    let state = newConversationClocks();
    let wakeAt: number | null = null;
    for (const input of script(i, calendar)) {
      // The scheduler's ticks: every wake-up due before this input is delivered first.
      while (wakeAt !== null && wakeAt <= input.at) {
        const tick = timed(latencies, () => applyClockInput(state, { type: 'tick', at: wakeAt ?? 0 }));
        ({ state, wakeAt } = tick);
        applied += 1;
      }
      ({ state, wakeAt } = timed(latencies, () => applyClockInput(state, input)));
      applied += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { inputsPerSec: applied / seconds, p50us: at(0.5), p99us: at(0.99) };
}

function timed<T>(latencies: number[], run: () => T): T {
  const start = process.hrtime.bigint();
  const result = run();
  latencies.push(Number(process.hrtime.bigint() - start) / 1e3);
  return result;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results: Record<string, { inputsPerSec: number; p50us: number; p99us: number }> = {};
for (const [name, calendar] of [
  ['24/7', null],
  ['Lisbon split day + holidays', lisbon],
] as const) {
  const rounds = Array.from({ length: ROUNDS }, () => round(calendar));
  const figures = {
    inputsPerSec: Math.round(median(rounds.map((r) => r.inputsPerSec))),
    p50us: Math.round(median(rounds.map((r) => r.p50us))),
    p99us: Math.round(median(rounds.map((r) => r.p99us))),
  };
  results[name] = figures;
  console.log(
    `${name.padEnd(28)} ${figures.inputsPerSec.toLocaleString('en')} inputs/s  p50 ${figures.p50us} µs  p99 ${figures.p99us} µs`,
  );
}
console.log(JSON.stringify({ bench: 'sla-clocks', conversations: CONVERSATIONS, rounds: ROUNDS, results }));
