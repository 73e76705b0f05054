// Summarises one `npm run load` run: throughput, delivery, latency percentiles, a per-window table that shows
// whether the engine reached a steady state or fell behind, the database check, and the processes' CPU and
// memory. The last line is one JSON object.
// Usage: tsx load-tests/load-report.ts <results dir>
//   reads k6-console.log, summary.json, meta.json, db-check.json and the *-usage.txt samplers' files; with the
//   Node agent driver also agents.log and agents-summary.json (the same formats).
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readRunLog, type TimedSample } from './load-run-log';
import {
  fmt,
  maxOf,
  minOf,
  ms,
  num,
  pad,
  pct,
  percentile,
  readUsage,
  sortedValues,
  stats,
  type Usage,
  usageBetween,
  type UsageSample,
} from './load-report-stats';

const WINDOW_MS = Number(process.env.LOAD_REPORT_WINDOW_MS ?? 5000);
const cores = availableParallelism();

/** What load.sh knew about the run. */
interface Meta {
  mode: 'embedded' | 'servers';
  rate: number;
  duration: string;
  agents: number;
  /** Who held the agents' sockets: `k6` (one VU each) or `node` (agent-pool.driver.ts); older runs lack it. */
  agentDriver?: 'k6' | 'node';
  /** Process names whose `<name>-usage.txt` exists: `engine`, or `router` and `gateway`; plus `k6`. */
  processes: string[];
  idleRssMb: Record<string, number>;
}

interface Summary {
  metrics?: Record<string, Record<string, number>>;
}

interface DbCheck {
  lost: number;
  duplicated: number;
  double_assigned: number;
  over_capacity: number;
  latency_split?: LatencySplit;
  [key: string]: unknown;
}

interface LatencySplit {
  intake_p50: number | null;
  intake_p95: number | null;
  queued_p50: number | null;
  queued_p95: number | null;
  held_p50: number | null;
  held_p95: number | null;
}

/**
 * Offer latency is intake (the engine) plus queueing for a free agent (the agent pool). By Little's law the pool
 * keeps rate × held slots busy on average; when the queueing dwarfs the intake, the pool was the limit.
 */
function latencySplitLines(split: LatencySplit, rate: number): string[] {
  const lines = [
    '',
    `where offer latency went     intake (POST->stored) p50 ${ms(split.intake_p50 ?? 0)}  p95 ${ms(split.intake_p95 ?? 0)}; ` +
      `queued for a free agent p50 ${ms(split.queued_p50 ?? 0)}  p95 ${ms(split.queued_p95 ?? 0)}; ` +
      `held by agents p50 ${ms(split.held_p50 ?? 0)}`,
  ];
  const queued = split.queued_p50 ?? 0;
  if (queued > 500 && queued > 5 * (split.intake_p50 ?? 0)) {
    const busy = Math.round((rate * (split.held_p50 ?? 0)) / 1000);
    lines.push(
      `                             contacts waited for agent capacity (about ${busy} slots busy on average): ` +
        'the agent pool, not the engine, set this latency; add agents (LOAD_AGENTS) or shorten LOAD_THINK_MS',
    );
  }
  return lines;
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

function main(dir: string): void {
  const meta = readJson<Meta>(join(dir, 'meta.json'));
  if (!meta) throw new Error(`${dir}/meta.json is missing`);
  const text = (file: string): string =>
    existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : '';
  const run = readRunLog(`${text('k6-console.log')}\n${text('agents.log')}`);
  // k6's summary holds the integrators' figures; the Node driver's, when it ran, the agents'.
  const summary = {
    metrics: {
      ...readJson<Summary>(join(dir, 'summary.json'))?.metrics,
      ...readJson<Summary>(join(dir, 'agents-summary.json'))?.metrics,
    },
  };
  const check = readJson<DbCheck>(join(dir, 'db-check.json'));
  const usage = Object.fromEntries(meta.processes.map((p) => [p, readUsage(join(dir, `${p}-usage.txt`))]));
  const metric = (name: string, field: string): number => summary.metrics[name]?.[field] ?? 0;

  const accepted = run.contacts.filter((c) => c.status === 202);
  if (run.contacts.length === 0) {
    console.log('\nNo contact was posted: nothing to report.');
    return;
  }
  const start = minOf(run.contacts.map((c) => c.sentAt));
  const arrivalsEnd = maxOf(run.contacts.map((c) => c.sentAt));
  const arrivalSeconds = Math.max(1, (arrivalsEnd - start) / 1000);
  const offerMs = sortedValues(run.offers.map((o) => o.ms));
  const routerName = meta.mode === 'embedded' ? 'engine' : 'router';
  const gatewayName = meta.mode === 'embedded' ? 'engine' : 'gateway';
  const during = (name: string): Usage | null => usageBetween(usage[name] ?? [], start, arrivalsEnd, cores);
  const peakRss = (name: string): number =>
    Math.max(0, maxOf((usage[name] ?? []).map((s) => s.rssKb))) / 1024;
  const unoffered = Math.max(0, accepted.length - run.offers.length);
  const offersDuring = run.offers.filter((o) => o.at <= arrivalsEnd).length;

  const out: string[] = ['', '==================== Switchboard load report ===================='];
  out.push(
    `target                       ${meta.mode === 'embedded' ? 'embedded default (in-process bus, PGlite)' : 'Kafka + PostgreSQL (router and gateway processes)'}; ` +
      `${meta.rate}/s for ${meta.duration}, ${meta.agents} agents (${metric('agents_ready', 'count')} ready, ` +
      `sockets held by ${meta.agentDriver === 'node' ? 'the Node agent driver' : 'k6'})`,
    `contacts posted / 202        ${run.posted} / ${accepted.length}  (${fmt(accepted.length / arrivalSeconds)}/s accepted; ` +
      `${metric('dropped_iterations', 'count')} arrivals k6 could not start)`,
    `offers received              ${run.offers.length}  (${fmt(offersDuring / arrivalSeconds)}/s while contacts arrived)`,
    `contacts never offered       ${unoffered}  (${pct(unoffered, accepted.length)} of accepted)`,
    `offer latency (POST->offer)  ${stats(offerMs)}`,
    `assign latency (accept->as.) ${stats(sortedValues(run.assignments.map((a) => a.ms)))}`,
    `command ack latency          p50 ${ms(metric('command_ack_ms', 'med'))}  p95 ${ms(metric('command_ack_ms', 'p(95)'))}  p99 ${ms(metric('command_ack_ms', 'p(99)'))}`,
    `POST /v1/contacts duration   ${stats(sortedValues(run.contacts.map((c) => c.ms)))}`,
    `contact POSTs not 202        ${run.contacts.length - accepted.length}`,
    `engine-side problems         offers closed unaccepted ${metric('offers_closed_not_accepted', 'count')}, commands rejected ${metric('commands_rejected', 'count')}, ` +
      `acks refused ${metric('command_acks_failed', 'count')}, agents forced out ${metric('agents_status_forced', 'count')}, socket errors ${metric('agent_socket_errors', 'count')}, ` +
      `offers delivered twice ${metric('offer_events_repeated', 'count')}`,
  );
  for (const name of meta.processes) {
    const u = during(name);
    out.push(
      `${pad(name, 7)} while arriving   cpu ${u ? `${u.cpu.toFixed(0)}%` : '-'} of one core, peak RSS ${peakRss(name).toFixed(0)} MB` +
        (meta.idleRssMb[name] ? `, idle RSS before the run ${meta.idleRssMb[name].toFixed(0)} MB` : ''),
    );
  }
  const acceptedAt = accepted.map((c) => c.sentAt);
  out.push(...windowTable(acceptedAt, run.offers, run.assignments, start, usage, routerName, gatewayName));
  if (check?.latency_split) out.push(...latencySplitLines(check.latency_split, meta.rate));
  if (check) {
    out.push(
      '',
      `database check               lost ${check.lost}, duplicated ${check.duplicated}, double-assigned ${check.double_assigned}, over capacity ${check.over_capacity}`,
      `                             ${JSON.stringify(check)}`,
    );
  } else {
    out.push('', 'database check               missing (db-check.json): see check.log');
  }
  if (run.problems.length > 0) {
    out.push(
      `load generator messages      ${run.problems.length}, first: ${run.problems.slice(0, 3).join(' | ').slice(0, 300)}`,
    );
  }
  out.push('=================================================================');
  console.log(out.join('\n'));

  const router = during(routerName);
  const machine = during(meta.processes[0]);
  console.log(
    JSON.stringify({
      contacts_per_sec: num(accepted.length / arrivalSeconds),
      agents: metric('agents_ready', 'count'),
      offer_p50_ms: num(percentile(offerMs, 50)),
      offer_p99_ms: num(percentile(offerMs, 99)),
      lost: check?.lost ?? null,
      duplicated: check?.duplicated ?? null,
      double_assigned: check?.double_assigned ?? null,
      over_capacity: check?.over_capacity ?? null,
      router_cpu_pct: num(router?.cpu, 0),
      gateway_rss_mb: num(peakRss(gatewayName), 0),
      mode: meta.mode,
      target_rate: meta.rate,
      offers_per_sec: num(offersDuring / arrivalSeconds),
      contacts_never_offered: unoffered,
      offer_events_repeated: metric('offer_events_repeated', 'count'),
      // engine_idle_rss_mb (embedded), or router_ and gateway_idle_rss_mb: booted, nothing connected yet.
      ...Object.fromEntries(Object.entries(meta.idleRssMb).map(([name, mb]) => [`${name}_idle_rss_mb`, mb])),
      k6_cpu_pct: num(during('k6')?.cpu, 0),
      k6_rss_mb: num(peakRss('k6'), 0),
      agent_driver: meta.agentDriver ?? 'k6',
      ...(meta.agentDriver === 'node'
        ? { agents_cpu_pct: num(during('agents')?.cpu, 0), agents_rss_mb: num(peakRss('agents'), 0) }
        : {}),
      machine_busy_pct: num(machine?.machine, 0),
    }),
  );
}

/** One row per window: whether latency stays flat (steady state) or climbs (the system is falling behind). */
function windowTable(
  accepted: number[],
  offers: TimedSample[],
  assignments: TimedSample[],
  start: number,
  usage: Record<string, UsageSample[]>,
  routerName: string,
  gatewayName: string,
): string[] {
  const end = Math.max(start, maxOf(offers.map((o) => o.at)), maxOf(accepted));
  const perSecond = WINDOW_MS / 1000;
  const lines = [
    '',
    `per ${perSecond} s window (t = s since the first contact; cpu in % of one core; machine = every process, max ${cores * 100}%):`,
    `     t  contacts/s  offers/s  offer p50  offer p95  offer max  assign p50  ${pad(routerName, 7)} cpu  ${gatewayName === routerName ? '' : `${pad(gatewayName, 7)} cpu  `}machine  ${pad(gatewayName, 7)} rss`,
  ];
  const latencies: number[] = [];
  for (let w = start; w <= end; w += WINDOW_MS) {
    const inWin = (t: number): boolean => t >= w && t < w + WINDOW_MS;
    const lat = sortedValues(offers.filter((o) => inWin(o.at)).map((o) => o.ms));
    const asg = sortedValues(assignments.filter((a) => inWin(a.at)).map((a) => a.ms));
    const r = usageBetween(usage[routerName] ?? [], w, w + WINDOW_MS, cores);
    const g = usageBetween(usage[gatewayName] ?? [], w, w + WINDOW_MS, cores);
    if (accepted.some(inWin) && lat.length > 0) latencies.push(percentile(lat, 50));
    lines.push(
      [
        pad(((w - start) / 1000).toFixed(0), 6),
        pad(fmt(accepted.filter(inWin).length / perSecond), 12),
        pad(fmt(lat.length / perSecond), 10),
        pad(ms(percentile(lat, 50)), 11),
        pad(ms(percentile(lat, 95)), 11),
        pad(ms(lat.length ? lat[lat.length - 1] : Number.NaN), 11),
        pad(ms(percentile(asg, 50)), 12),
        pad(r ? `${r.cpu.toFixed(0)}%` : '-', 13),
        gatewayName === routerName ? '' : pad(g ? `${g.cpu.toFixed(0)}%` : '-', 13),
        pad(r ? `${r.machine.toFixed(0)}%` : '-', 9),
        pad(g ? `${g.lastRssMb.toFixed(0)} MB` : '-', 13),
      ].join(''),
    );
  }
  if (latencies.length >= 4) {
    const third = Math.max(1, Math.floor(latencies.length / 3));
    const first = percentile(sortedValues(latencies.slice(0, third)), 50);
    const last = percentile(sortedValues(latencies.slice(-third)), 50);
    lines.push(
      '',
      `steady state: median offer p50 ${ms(first)} in the first third of the arrival windows, ${ms(last)} in the last third` +
        (last > 3 * first && last - first > 200
          ? '  <-- latency grew during the run: falling behind (the split below says whether engine or agents)'
          : ''),
    );
  }
  return lines;
}

main(process.argv[2] ?? '');
