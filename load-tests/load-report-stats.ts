// Numbers for the load report: percentiles, process usage from the samplers' files, formatting.
import { existsSync, readFileSync } from 'node:fs';

/** One sampler line: epoch ms, the process's CPU ticks (1/100 s) and RSS (kB), the machine's busy and total ticks. */
export interface UsageSample {
  readonly t: number;
  readonly ticks: number;
  readonly rssKb: number;
  readonly busy: number;
  readonly total: number;
}

export interface Usage {
  /** % of one core. */
  readonly cpu: number;
  /** Every process on the machine, % of one core (max 100 x cores). */
  readonly machine: number;
  readonly peakRssMb: number;
  readonly lastRssMb: number;
}

export function readUsage(path: string): UsageSample[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ').map(Number))
    .filter((r) => r.length >= 5 && r.every(Number.isFinite))
    .map(([t, ticks, rssKb, busy, total]) => ({ t, ticks, rssKb, busy, total }));
}

/** CPU and RSS over [from, to] from the 2-s samples around it; null when fewer than two samples fall in it. */
export function usageBetween(samples: UsageSample[], from: number, to: number, cores: number): Usage | null {
  const inside = samples.filter((s) => s.t >= from - 1000 && s.t <= to + 1000);
  if (inside.length < 2) return null;
  const a = inside[0];
  const b = inside[inside.length - 1];
  if (b.t <= a.t) return null;
  return {
    cpu: ((b.ticks - a.ticks) / 100 / ((b.t - a.t) / 1000)) * 100,
    machine: ((b.busy - a.busy) / Math.max(1, b.total - a.total)) * cores * 100,
    peakRssMb: Math.max(...inside.map((s) => s.rssKb)) / 1024,
    lastRssMb: b.rssKb / 1024,
  };
}

/** Math.min/max over a spread overflow the stack at a few hundred thousand values; these do not. */
export function minOf(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < min) min = v;
  return min;
}

export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** Ascending, as a typed array: its sort is numeric, and a run has hundreds of thousands of samples. */
export function sortedValues(values: Iterable<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export function stats(sorted: ArrayLike<number>): string {
  if (sorted.length === 0) return 'no samples';
  return (
    `p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  p99 ${ms(percentile(sorted, 99))}  ` +
    `max ${ms(sorted[sorted.length - 1])}  (n=${sorted.length})`
  );
}

export function ms(v: number): string {
  if (!Number.isFinite(v)) return '-';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
}

export function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(1) : '-';
}

export function pct(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(2)}%` : '-';
}

export function pad(text: string, width: number): string {
  return text.padStart(width);
}

/** Rounds for the JSON line; NaN and infinities become null. */
export function num(v: number | undefined | null, digits = 1): number | null {
  if (v === undefined || v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
