import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricFactArbitrary } from '../testing/metric-fact.arbitrary';
import { summarize } from '../summary/summarize.util';
import { rollUp } from './roll-up.util';
import { regroupInZone } from './zone-regroup.util';

const KOLKATA = 'Asia/Kolkata'; // UTC+05:30: its days start at 18:30 UTC, off the UTC hour grid
const tenantRows = (zone: string, interval: '15m' | '1h' | '1d', facts: Parameters<typeof rollUp>[0]) =>
  rollUp(facts, { timeZone: zone }).filter((r) => r.dimension === 'tenant' && r.interval === interval);

describe('regroupInZone', () => {
  it('sums exactly the quarter hours of a Kolkata day, which starts at 18:30 UTC', () => {
    const base = { kind: 'contactQueued' as const, tenantId: 't1', queueId: null, channel: 'chat' as const };
    const facts = [
      { ...base, at: Date.parse('2026-03-28T18:29:59Z') }, // 23:59:59 on the 28th in Kolkata
      { ...base, at: Date.parse('2026-03-28T18:30:00Z') }, // 00:00 on the 29th
      { ...base, at: Date.parse('2026-03-29T18:29:00Z') }, // 23:59 on the 29th
    ];
    const days = regroupInZone(tenantRows('UTC', '15m', facts), '1d', KOLKATA);
    expect(days.map((d) => [new Date(d.bucketStart).toISOString(), d.counters.queued])).toEqual([
      ['2026-03-27T18:30:00.000Z', 1],
      ['2026-03-28T18:30:00.000Z', 2],
    ]);
    const hours = regroupInZone(tenantRows('UTC', '15m', facts), '1h', KOLKATA);
    expect(hours.map((h) => new Date(h.bucketStart).toISOString())).toEqual([
      '2026-03-28T17:30:00.000Z',
      '2026-03-28T18:30:00.000Z',
      '2026-03-29T17:30:00.000Z',
    ]);
  });

  it('gives the same days as rolling the facts up in the zone directly, DST included', () => {
    // The arbitrary's days (28-31 March 2026) hold London's change to summer time (29 March, a 23-hour day);
    // Eucla is UTC+08:45, a quarter-hour offset.
    for (const zone of [KOLKATA, 'Europe/London', 'Australia/Eucla']) {
      fc.assert(
        fc.property(fc.array(metricFactArbitrary, { maxLength: 40 }), (facts) => {
          const composed = regroupInZone(tenantRows(zone, '15m', facts), '1d', zone);
          const direct = tenantRows(zone, '1d', facts);
          expect(composed.map((r) => r.bucketStart)).toEqual(direct.map((r) => r.bucketStart));
          composed.forEach((row, i) => expect(summarize([row])).toEqual(summarize([direct[i]])));
        }),
        { numRuns: 50 },
      );
    }
  });

  it('refuses rows that are not quarter hours', () => {
    const facts = [
      { kind: 'contactQueued' as const, tenantId: 't1', queueId: null, channel: 'chat' as const, at: 0 },
    ];
    expect(() => regroupInZone(tenantRows('UTC', '1h', facts), '1d', KOLKATA)).toThrow(/15m/);
  });
});
