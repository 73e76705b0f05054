import { describe, expect, it } from 'vitest';
import type { MetricFact } from '../facts/metric-fact.model';
import { MetricsErrorCode } from '../metrics.error';
import { summarize } from '../summary/summarize.util';
import { rollUp } from './roll-up.util';
import { mergeRows } from './rollup-row.model';

const at = Date.parse('2026-03-02T10:50:00Z');
const base = { tenantId: 't1', at, queueId: 'sales', channel: 'chat' } as const;

describe('rollUp', () => {
  it('writes a contact fact to each dimension it names, in every interval', () => {
    const rows = rollUp(
      [{ kind: 'contactAnswered', ...base, agentId: 'ana', waitMs: 5_000, thresholdMs: 20_000 }],
      {
        timeZone: 'UTC',
      },
    );
    expect(rows.map((r) => `${r.interval} ${r.dimension}:${r.dimensionId}`).sort()).toEqual(
      ['15m', '1d', '1h']
        .flatMap((i) => [`${i} agent:ana`, `${i} channel:chat`, `${i} queue:sales`, `${i} tenant:t1`])
        .sort(),
    );
    // The default queue (null) and a fact naming no agent make no queue or agent row.
    const unqueued = rollUp([{ kind: 'contactQueued', ...base, queueId: null }], {
      timeZone: 'UTC',
      intervals: ['1h'],
    });
    expect(unqueued.map((r) => r.dimension).sort()).toEqual(['channel', 'tenant']);
  });

  it('splits an agent span across buckets, to the tenant and the agent only, and drops offline time', () => {
    const rows = rollUp(
      [
        {
          kind: 'agentStateSpan',
          tenantId: 't1',
          agentId: 'ana',
          status: 'busy',
          start: at,
          ms: 20 * 60_000,
        },
        { kind: 'agentStateSpan', tenantId: 't1', agentId: 'ana', status: 'offline', start: at, ms: 60_000 },
      ],
      { timeZone: 'UTC', intervals: ['15m'] },
    );
    // 10:50-11:10 is 10 min in the 10:45 bucket and 10 min in the 11:00 bucket.
    expect(
      rows.filter((r) => r.dimension === 'agent').map((r) => [r.bucketStart, r.counters.busyMs]),
    ).toEqual([
      [Date.parse('2026-03-02T10:45:00Z'), 600_000],
      [Date.parse('2026-03-02T11:00:00Z'), 600_000],
    ]);
    expect(rows.map((r) => r.dimension).sort()).toEqual(['agent', 'agent', 'tenant', 'tenant']);
  });

  it('refuses a negative wait, a non-finite instant or a score off the scale, listing each problem', () => {
    const bad: MetricFact[] = [
      { kind: 'contactAbandoned', ...base, waitMs: -1, thresholdMs: null },
      { kind: 'contactQueued', ...base, at: Number.NaN },
      { kind: 'csatScored', ...base, agentId: null, score: 6 },
      { kind: 'agentEngagedSpan', tenantId: 't1', agentId: 'ana', start: at, ms: Infinity },
    ];
    for (const fact of bad)
      expect(() => rollUp([fact], { timeZone: 'UTC' })).toThrow(
        expect.objectContaining({ code: MetricsErrorCode.InvalidFact }),
      );
  });
});

describe('merging and summarizing', () => {
  it('refuses to merge rows of different keys or to summarize two series at once', () => {
    const rows = rollUp([{ kind: 'contactQueued', ...base }], { timeZone: 'UTC', intervals: ['1h'] });
    const incompatible = { code: MetricsErrorCode.IncompatibleRows };
    expect(() => mergeRows(rows[0], rows[1])).toThrow(expect.objectContaining(incompatible));
    expect(() => summarize(rows)).toThrow(expect.objectContaining(incompatible));
  });

  it('reports nothing measured as null rather than zero', () => {
    const metrics = summarize([]);
    expect(metrics).toMatchObject({
      queued: 0,
      serviceLevel: null,
      asaMs: null,
      occupancy: null,
      longestWaitMs: null,
    });
    expect(metrics.firstResponse.p90Ms).toBeNull();
  });
});
