// Folds the channel benchmark's steps into one row per channel and concurrency (medians over the rounds for
// rates and CPU, percentiles over every round's samples for latencies) and prints them as a table.
import type { BenchChannel } from './channel-driver';
import type { StepResult } from './channel-steps';
import { median, percentile, round } from './stats';

export interface ChannelRow {
  readonly channel: BenchChannel;
  readonly lanes: number;
  readonly rounds: number;
  readonly msgsPerSec: number;
  readonly msgsPerSecMin: number;
  readonly msgsPerSecMax: number;
  readonly ackP50: number;
  readonly ackP99: number;
  readonly storedP50: number;
  readonly storedP99: number;
  readonly offerP50: number;
  readonly offerP99: number;
  readonly offers: number;
  readonly refused: number;
  readonly redeliveries: number;
  readonly gatewayCpuPct: number;
  readonly routerCpuPct: number;
  /** CPU milliseconds per acknowledged message: steadier than rates on a shared machine. */
  readonly gatewayCpuMsPerMsg: number;
  readonly routerCpuMsPerMsg: number;
  readonly benchCpuPct: number;
  readonly machineBusyPct: number;
  readonly allStored: boolean;
}

/** `offerMs` maps the seq that opened a conversation to its ack -> offer-pushed latency. */
export function summarize(steps: readonly StepResult[], offerMs: ReadonlyMap<number, number>): ChannelRow[] {
  const groups = new Map<string, StepResult[]>();
  for (const step of steps) {
    const key = `${step.channel}|${step.lanes}`;
    groups.set(key, [...(groups.get(key) ?? []), step]);
  }
  return [...groups.values()].map((rounds) => {
    const rates = rounds.map((s) => s.msgsPerSec);
    const ack = sorted(rounds.flatMap((s) => s.ackMs));
    const stored = sorted(rounds.flatMap((s) => s.storedMs));
    const offers = sorted(
      rounds.flatMap((s) => s.acked.flatMap((seq) => (offerMs.has(seq) ? [offerMs.get(seq)!] : []))),
    );
    const med = (pick: (s: StepResult) => number): number => median(rounds.map(pick));
    return {
      channel: rounds[0].channel,
      lanes: rounds[0].lanes,
      rounds: rounds.length,
      msgsPerSec: median(rates),
      msgsPerSecMin: Math.min(...rates),
      msgsPerSecMax: Math.max(...rates),
      ackP50: percentile(ack, 50),
      ackP99: percentile(ack, 99),
      storedP50: percentile(stored, 50),
      storedP99: percentile(stored, 99),
      offerP50: percentile(offers, 50),
      offerP99: percentile(offers, 99),
      offers: offers.length,
      refused: rounds.reduce((n, s) => n + [...s.refusals.values()].reduce((a, b) => a + b, 0), 0),
      redeliveries: rounds.reduce((n, s) => n + s.redeliveries, 0),
      gatewayCpuPct: med((s) => s.gatewayCpuPct),
      routerCpuPct: med((s) => s.routerCpuPct),
      gatewayCpuMsPerMsg: med((s) => cpuMsPerMessage(s.gatewayCpuPct, s)),
      routerCpuMsPerMsg: med((s) => cpuMsPerMessage(s.routerCpuPct, s)),
      benchCpuPct: med((s) => s.benchCpuPct),
      machineBusyPct: med((s) => s.machineBusyPct),
      allStored: rounds.every((s) => s.drained === 'done'),
    };
  });
}

/** Each channel's row with the highest median rate. */
export function bestPerChannel(rows: readonly ChannelRow[]): ChannelRow[] {
  const best = new Map<BenchChannel, ChannelRow>();
  for (const row of rows) {
    const seen = best.get(row.channel);
    if (!seen || row.msgsPerSec > seen.msgsPerSec) best.set(row.channel, row);
  }
  return [...best.values()];
}

export function formatTable(rows: readonly ChannelRow[]): string {
  const header = [
    'channel',
    'lanes',
    'msgs/s median (range)',
    'ack p50/p99 ms',
    'ack->stored p50/p99 ms',
    'ack->offer p50/p99 ms',
    'gateway/router CPU %',
    'CPU ms/msg gw/router',
    'machine %',
    'refused',
  ];
  const lines = rows.map((r) => [
    r.channel,
    String(r.lanes),
    `${r.msgsPerSec.toFixed(0)} (${r.msgsPerSecMin.toFixed(0)}-${r.msgsPerSecMax.toFixed(0)})`,
    `${fmt(r.ackP50)} / ${fmt(r.ackP99)}`,
    `${fmt(r.storedP50)} / ${fmt(r.storedP99)}${r.allStored ? '' : ' (not all stored)'}`,
    r.offers > 0 ? `${fmt(r.offerP50)} / ${fmt(r.offerP99)} (${r.offers})` : '-',
    `${r.gatewayCpuPct.toFixed(0)} / ${r.routerCpuPct.toFixed(0)}`,
    `${r.gatewayCpuMsPerMsg.toFixed(2)} / ${r.routerCpuMsPerMsg.toFixed(2)}`,
    r.machineBusyPct.toFixed(0),
    String(r.refused),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

/** The row's figures for the final JSON line. */
export function rowJson(r: ChannelRow): Record<string, number | boolean> {
  return {
    lanes: r.lanes,
    msgs_per_sec: round(r.msgsPerSec, 0),
    msgs_per_sec_min: round(r.msgsPerSecMin, 0),
    msgs_per_sec_max: round(r.msgsPerSecMax, 0),
    ack_p50_ms: round(r.ackP50, 1),
    ack_p99_ms: round(r.ackP99, 1),
    stored_p50_ms: round(r.storedP50, 1),
    stored_p99_ms: round(r.storedP99, 1),
    offer_p50_ms: round(r.offerP50, 1),
    offer_p99_ms: round(r.offerP99, 1),
    gateway_cpu_pct: round(r.gatewayCpuPct, 0),
    router_cpu_pct: round(r.routerCpuPct, 0),
    gateway_cpu_ms_per_msg: round(r.gatewayCpuMsPerMsg, 2),
    router_cpu_ms_per_msg: round(r.routerCpuMsPerMsg, 2),
    bench_cpu_pct: round(r.benchCpuPct, 0),
    machine_busy_pct: round(r.machineBusyPct, 0),
    refused: r.refused,
    all_stored: r.allStored,
  };
}

function cpuMsPerMessage(cpuPct: number, step: StepResult): number {
  return step.acked.length === 0 ? Number.NaN : ((cpuPct / 100) * step.seconds * 1000) / step.acked.length;
}

function sorted(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
