#!/usr/bin/env node
// Summarises one load run (scripts/load.sh) from k6's samples: throughput, delivery, latency percentiles,
// and a per-window table that shows whether the engine reached a steady state or fell behind.
// Usage: node load-tests/report.mjs <results dir>   (reads samples.json, summary.json, engine-usage.txt, engine.log)
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node load-tests/report.mjs <results dir>');
  process.exit(2);
}
const cores = availableParallelism();
const WINDOW_MS = Number(process.env.LOAD_REPORT_WINDOW_MS || 5000);
const durationMs = parseDuration(process.env.LOAD_DURATION || '45s');

const series = {
  contacts: [], // [t]
  postFailed: [], // [t]
  offers: [], // [t]
  offerLatency: [], // [t, ms]
  assignLatency: [], // [t, ms]
  ackLatency: [], // [t, ms]
  contactPost: [], // [t, ms] http_req_duration of POST /v1/contacts
};
const counters = {};

const lines = createInterface({ input: createReadStream(join(dir, 'samples.json')), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.startsWith('{"metric"') && !line.includes('"type":"Point"')) continue;
  let sample;
  try {
    sample = JSON.parse(line);
  } catch {
    continue;
  }
  if (sample.type !== 'Point') continue;
  const { metric, data } = sample;
  const t = Date.parse(data.time);
  const tags = data.tags || {};
  counters[metric] = (counters[metric] || 0) + (typeof data.value === 'number' ? data.value : 0);
  switch (metric) {
    case 'contacts_accepted':
      series.contacts.push(t);
      break;
    case 'offers_received':
      series.offers.push(t);
      break;
    case 'offer_latency_ms':
      series.offerLatency.push([t, data.value]);
      break;
    case 'assign_latency_ms':
      series.assignLatency.push([t, data.value]);
      break;
    case 'command_ack_ms':
      series.ackLatency.push([t, data.value]);
      break;
    case 'http_req_duration':
      if (tags.name === 'POST /v1/contacts') series.contactPost.push([t, data.value]);
      break;
    case 'http_req_failed':
      if (tags.name === 'POST /v1/contacts' && data.value) series.postFailed.push(t);
      break;
    default:
      break;
  }
}

const summary = readJson(join(dir, 'summary.json'));
const count = (name) => counters[name] || 0;
const start = Math.min(minOf(series.contacts), minOf(series.offers));
if (!Number.isFinite(start)) {
  console.log('\nNo contact was accepted and no offer received: nothing to report.');
  process.exit(0);
}
const arrivalsEnd = Math.max(maxOf(series.contacts), start);

// ---- headline ---------------------------------------------------------------------------------------------
const sent = count('contacts_accepted');
const offers = count('offers_received');
const timed = series.offerLatency.length;
const arrivalSeconds = (arrivalsEnd - start) / 1000 || durationMs / 1000;
const httpFailed = summary?.metrics?.http_req_failed;
const out = [];
out.push('');
out.push('==================== Switchboard load report ====================');
const attempted = count('contacts_sent');
out.push(
  `contacts posted / 202        ${attempted} / ${sent}  (${fmt(sent / arrivalSeconds)}/s accepted over ${fmt(arrivalSeconds)} s; ` +
    (count('dropped_iterations') > 0
      ? `${count('dropped_iterations')} arrivals k6 could not start: every VU was waiting on a POST)`
      : 'no arrival dropped)'),
);
out.push(
  `offers received              ${offers}  (${fmt(count('offers_during_arrivals') / arrivalSeconds)}/s while contacts arrived)`,
);
// A POST still waiting when k6 stopped has no 202 but may well have been queued, so compare with both.
const unoffered = Math.max(0, Math.max(sent, attempted) - timed);
out.push(
  `contacts never offered       ${unoffered}  (${pct(unoffered, Math.max(sent, attempted))} of posted; offers matched to this run's contacts: ${timed})`,
);
out.push(`assignments / resolutions    ${count('assignments_created')} / ${count('conversations_resolved')}`);
out.push(`offer latency (POST->offer)  ${stats(series.offerLatency.map((p) => p[1]))}`);
out.push(`assign latency (accept->as.) ${stats(series.assignLatency.map((p) => p[1]))}`);
out.push(`command ack latency          ${stats(series.ackLatency.map((p) => p[1]))}`);
out.push(`POST /v1/contacts duration   ${stats(series.contactPost.map((p) => p[1]))}`);
out.push(
  `http_req_failed              ${httpFailed ? pct(httpFailed.passes ?? 0, (httpFailed.passes ?? 0) + (httpFailed.fails ?? 0)) : '?'}` +
    `  (contact POSTs failed: ${series.postFailed.length})`,
);
out.push(
  `engine-side problems         offers closed unaccepted ${count('offers_closed_not_accepted')}, commands rejected ${count('commands_rejected')}, ` +
    `acks refused ${count('command_acks_failed')}, agents forced out ${count('agents_status_forced')}, socket errors ${count('agent_socket_errors')}`,
);

// ---- per window -------------------------------------------------------------------------------------------
const usage = readUsage(join(dir, 'engine-usage.txt'));
const end = Math.max(maxOf(series.offers), arrivalsEnd);
out.push('');
out.push(
  `per ${WINDOW_MS / 1000} s window (t = seconds since the first contact; offers counted when received; cpu in % of one core; machine = every process incl. k6, max ${cores * 100}%):`,
);
out.push(
  '     t   contacts/s  offers/s   offer p50   offer p95   offer max   assign p50   engine cpu  machine cpu   engine rss',
);
const windows = [];
for (let w = start; w <= end; w += WINDOW_MS) {
  const inWin = (t) => t >= w && t < w + WINDOW_MS;
  const lat = series.offerLatency.filter((p) => inWin(p[0])).map((p) => p[1]);
  const asg = series.assignLatency.filter((p) => inWin(p[0])).map((p) => p[1]);
  const u = usageBetween(usage, w, w + WINDOW_MS);
  const row = {
    t: (w - start) / 1000,
    contacts: series.contacts.filter(inWin).length / (WINDOW_MS / 1000),
    offers: series.offers.filter(inWin).length / (WINDOW_MS / 1000),
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    max: lat.length ? maxOf(lat) : NaN,
    a50: percentile(asg, 50),
  };
  windows.push(row);
  out.push(
    [
      pad(row.t.toFixed(0), 6),
      pad(fmt(row.contacts), 12),
      pad(fmt(row.offers), 9),
      pad(ms(row.p50), 11),
      pad(ms(row.p95), 11),
      pad(ms(row.max), 11),
      pad(ms(row.a50), 12),
      pad(u ? `${u.cpu.toFixed(0)}%` : '-', 12),
      pad(u && Number.isFinite(u.machine) ? `${u.machine.toFixed(0)}%` : '-', 13),
      pad(u ? `${(u.rssKb / 1024).toFixed(0)} MB` : '-', 12),
    ].join(''),
  );
}

// ---- verdict ----------------------------------------------------------------------------------------------
const loaded = windows.filter((w) => w.contacts > 0 && Number.isFinite(w.p50));
if (loaded.length >= 4) {
  const third = Math.max(1, Math.floor(loaded.length / 3));
  const first = median(loaded.slice(0, third).map((w) => w.p50));
  const last = median(loaded.slice(-third).map((w) => w.p50));
  out.push('');
  out.push(
    `steady state: median offer p50 ${ms(first)} in the first third of the arrival windows, ${ms(last)} in the last third` +
      (last > 3 * first && last - first > 200
        ? '  <-- latency grew during the run: the engine is falling behind'
        : ''),
  );
}
if (sent > 0 && timed < sent) {
  out.push(
    `delivery: ${sent - timed} of ${sent} accepted contacts got no offer before the agents disconnected`,
  );
} else if (unoffered > 0) {
  out.push(
    `delivery: ${unoffered} posted contacts (POSTs cut off by k6's stop) got no offer before the agents disconnected`,
  );
}
const log = readEngineLog(join(dir, 'engine.log'));
if (log.total > 0) {
  out.push(`engine log: ${log.warn} warnings, ${log.error} errors (first: ${log.first ?? '-'})`);
}
out.push('=================================================================');
console.log(out.join('\n'));

// ---- helpers ----------------------------------------------------------------------------------------------
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function readUsage(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' ').map(Number))
    .filter((r) => r.length >= 3 && r.every(Number.isFinite))
    .map(([t, ticks, rssKb, busy = NaN, total = NaN]) => ({ t, ticks, rssKb, busy, total }));
}

/** CPU% of one core and the RSS over [from, to), from the 2-s samples around it; ticks are 1/100 s. */
function usageBetween(samples, from, to) {
  const inside = samples.filter((s) => s.t >= from - 1000 && s.t <= to + 1000);
  if (inside.length < 2) return null;
  const a = inside[0];
  const b = inside[inside.length - 1];
  if (b.t <= a.t) return null;
  const machine = ((b.busy - a.busy) / (b.total - a.total)) * cores;
  return {
    cpu: ((b.ticks - a.ticks) / 100 / ((b.t - a.t) / 1000)) * 100,
    machine: Number.isFinite(machine) ? machine * 100 : NaN,
    rssKb: b.rssKb,
  };
}

function readEngineLog(path) {
  const result = { total: 0, warn: 0, error: 0, first: null };
  if (!existsSync(path)) return result;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line);
      result.total++;
      if (entry.level >= 50) result.error++;
      else if (entry.level >= 40) result.warn++;
      if (entry.level >= 40 && !result.first)
        result.first = String(entry.msg ?? entry.err?.message ?? '').slice(0, 160);
    } catch {
      /* not pino JSON */
    }
  }
  return result;
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

function maxOf(values) {
  return values.reduce((m, v) => (v > m ? v : m), -Infinity);
}

function minOf(values) {
  return values.reduce((m, v) => (v < m ? v : m), Infinity);
}

function median(values) {
  return percentile(values, 50);
}

function stats(values) {
  if (values.length === 0) return 'no samples';
  return `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  max ${ms(maxOf(values))}  (n=${values.length})`;
}

function ms(v) {
  if (!Number.isFinite(v)) return '-';
  return v >= 10000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`;
}

function fmt(v) {
  return Number.isFinite(v) ? v.toFixed(1) : '-';
}

function pct(part, whole) {
  return whole ? `${((100 * part) / whole).toFixed(2)}%` : '-';
}

function pad(text, width) {
  return String(text).padStart(width);
}

function parseDuration(text) {
  let total = 0;
  for (const m of String(text).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
  }
  return total || 45000;
}
