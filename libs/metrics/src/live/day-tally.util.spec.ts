import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactFact, MetricFact } from '../facts/metric-fact.model';
import { rollUp } from '../rollup/roll-up.util';
import { metricFactArbitrary, TENANT } from '../testing/metric-fact.arbitrary';
import { createDayTally } from './day-tally.util';

const DAY = Date.parse('2026-03-29T00:00:00Z');
const NOON = DAY + 12 * 3_600_000;
const base = { tenantId: TENANT, channel: 'chat' as const };

function answered(queueId: string | null, waitMs: number, at = NOON): ContactFact {
  return { kind: 'contactAnswered', ...base, queueId, agentId: 'ana', at, waitMs, thresholdMs: 20_000 };
}
function abandoned(queueId: string | null, waitMs: number, at = NOON): ContactFact {
  return { kind: 'contactAbandoned', ...base, queueId, at, waitMs, thresholdMs: 20_000 };
}
const rows = (facts: readonly MetricFact[]) => rollUp(facts, { timeZone: 'UTC' });

describe('createDayTally', () => {
  it('gives a queue its answered, abandoned, service level and ASA so far today', () => {
    const tally = createDayTally('UTC');
    tally.add(rows([answered('sales', 10_000), answered('sales', 30_000)]), NOON);
    tally.add(rows([abandoned('sales', 25_000), abandoned('sales', 5_000)]), NOON);
    // Within threshold: one of two answered; the 25 s abandon counts against it, the 5 s one (short) does not.
    expect(tally.figuresOf('sales', NOON)).toEqual({
      answered: 2,
      abandoned: 2,
      serviceLevel: 1 / 3,
      asaMs: 20_000,
    });
    expect(tally.figuresOf('billing', NOON)).toEqual({
      answered: 0,
      abandoned: 0,
      serviceLevel: null,
      asaMs: null,
    });
  });

  it('gives the default queue what the tenant holds beyond the named queues', () => {
    const tally = createDayTally('UTC');
    tally.add(rows([answered('sales', 10_000), answered(null, 4_000), abandoned(null, 40_000)]), NOON);
    expect(tally.figuresOf(null, NOON)).toEqual({
      answered: 1,
      abandoned: 1,
      serviceLevel: 0.5,
      asaMs: 4_000,
    });
  });

  it('starts again at the tenant’s midnight, not UTC’s', () => {
    const tally = createDayTally('America/New_York');
    // 03:00 UTC on the 29th is still the 28th in New York (UTC-4): the same day as noon UTC on the 28th.
    const lateEvening = DAY + 3 * 3_600_000;
    tally.add(rows([answered('sales', 1_000, lateEvening - 15 * 3_600_000)]), lateEvening - 15 * 3_600_000);
    expect(tally.figuresOf('sales', lateEvening).answered).toBe(1);
    expect(tally.figuresOf('sales', lateEvening + 2 * 3_600_000).answered).toBe(0);
    const tz = createDayTally('America/New_York');
    tz.add(
      rollUp([answered('sales', 1_000, DAY - 3_600_000)], { timeZone: 'America/New_York' }),
      DAY - 3_600_000,
    );
    expect(tz.figuresOf('sales', lateEvening).answered).toBe(1);
    expect(tz.figuresOf('sales', DAY + 5 * 3_600_000).answered).toBe(0);
  });

  it('counts the tenant’s local day from rows rolled up in UTC, as the router stores them', () => {
    const tally = createDayTally('Asia/Kolkata');
    // 18:00 UTC on the 28th is 23:30 in Kolkata (UTC+05:30), the 28th; 18:30 UTC is 00:00 on the 29th.
    const beforeMidnight = DAY - 6 * 3_600_000;
    const atMidnight = beforeMidnight + 30 * 60_000;
    const morning = DAY + 4 * 3_600_000;
    tally.add(rows([answered('sales', 1_000, beforeMidnight)]), beforeMidnight);
    tally.add(rows([answered('sales', 2_000, atMidnight), answered('sales', 4_000, morning)]), morning);
    expect(tally.figuresOf('sales', morning)).toMatchObject({ answered: 2, asaMs: 3_000 });
    const restored = createDayTally('Asia/Kolkata');
    restored.restore(
      rows([answered('sales', 1_000, beforeMidnight), answered('sales', 2_000, atMidnight)]),
      morning,
    );
    expect(restored.figuresOf('sales', morning)).toMatchObject({ answered: 1, asaMs: 2_000 });
  });

  it('restores from stored rows as if their facts had been added', () => {
    const facts = [answered('sales', 10_000), abandoned(null, 30_000)];
    const added = createDayTally('UTC');
    added.add(rows(facts), NOON);
    const restored = createDayTally('UTC');
    restored.add(rows([answered('sales', 99_000)]), NOON);
    restored.restore(rows(facts), NOON);
    for (const queue of ['sales', null]) {
      expect(restored.figuresOf(queue, NOON)).toEqual(added.figuresOf(queue, NOON));
    }
  });

  it('agrees with summarizing the day’s facts in one go, however batches split them', () => {
    const queues = ['sales', 'billing', null] as const;
    fc.assert(
      fc.property(fc.array(metricFactArbitrary, { maxLength: 60 }), fc.nat(), (all, seed) => {
        // Agent spans carry no instant and never reach a queue's figures.
        const sorted = all.filter((f): f is ContactFact => 'at' in f).sort((a, b) => a.at - b.at);
        const tally = createDayTally('UTC');
        const cut = sorted.length === 0 ? 0 : seed % sorted.length;
        const end = sorted.at(-1)?.at ?? DAY;
        tally.add(rows(sorted.slice(0, cut)), sorted[cut - 1]?.at ?? DAY);
        tally.add(rows(sorted.slice(cut)), end);
        const dayStart = Math.floor(end / 86_400_000) * 86_400_000;
        for (const queue of queues) {
          const ofQueue = sorted.filter((f) => f.at >= dayStart && f.queueId === queue);
          const count = (kind: MetricFact['kind']) => ofQueue.filter((f) => f.kind === kind).length;
          const figures = tally.figuresOf(queue, end);
          expect(figures.answered).toBe(count('contactAnswered'));
          expect(figures.abandoned).toBe(count('contactAbandoned'));
        }
      }),
    );
  });
});
