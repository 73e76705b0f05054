import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketKey,
  nextPhaseChangeAfter,
  orderScore,
  PHASE_NORMAL,
  PHASE_STARVED,
  PHASE_URGENT,
  phaseAt,
  perMinuteToPerMs,
  scoreAt,
  scoreBreakdown,
  slopeOf,
  STARVATION_BOOST,
  type ScoreInputs,
} from './score.util';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

function inputs(over: Partial<ScoreInputs> = {}): ScoreInputs {
  return {
    basePriority: 0,
    escalationPoints: 0,
    arrivedAt: T0,
    urgentAt: Infinity,
    starvedAt: Infinity,
    agingPerMs: perMinuteToPerMs(1),
    urgencyPerMs: perMinuteToPerMs(10),
    ...over,
  };
}

describe('score', () => {
  it('worked example: priority 20, waited 5 min at 1 point/min -> 25', () => {
    const s = inputs({ basePriority: 20 });
    const b = scoreBreakdown(s, PHASE_NORMAL, T0 + 5 * MIN);
    expect(b).toMatchObject({ priority: 20, aging: 5, slaUrgency: 0, starvationBoost: 0, starved: false });
    expect(b.total).toBeCloseTo(25);
  });

  it('worked example: SLA urgency adds 10 points/min inside the window', () => {
    // Deadline at 10 min, window 5 min: urgent from minute 5; at minute 8 urgency is 3 min x 10 = 30.
    const s = inputs({ basePriority: 20, urgentAt: T0 + 5 * MIN });
    expect(phaseAt(s, T0 + 8 * MIN)).toBe(PHASE_URGENT);
    const b = scoreBreakdown(s, PHASE_URGENT, T0 + 8 * MIN);
    expect(b.aging).toBeCloseTo(8);
    expect(b.slaUrgency).toBeCloseTo(30);
    expect(b.total).toBeCloseTo(58);
  });

  it('worked example: past the starvation bound the score sits on the plateau, ordered by overdue time', () => {
    const s = inputs({ basePriority: 0, starvedAt: T0 + 10 * MIN });
    const b = scoreBreakdown(s, PHASE_STARVED, T0 + 12 * MIN);
    expect(b.starved).toBe(true);
    expect(b.total).toBeCloseTo(STARVATION_BOOST + 2);
    expect(b.priority + b.aging + b.slaUrgency + b.starvationBoost).toBeCloseTo(b.total);
  });

  it('a starved low-priority contact outranks any fresh high-priority one', () => {
    const starved = inputs({ basePriority: 0, starvedAt: T0 });
    const vip = inputs({ basePriority: 1_000_000, arrivedAt: T0 + MIN });
    expect(scoreAt(starved, PHASE_STARVED, T0 + MIN)).toBeGreaterThan(scoreAt(vip, PHASE_NORMAL, T0 + MIN));
  });

  it('phase changes at the urgency start, then at the starvation bound', () => {
    const s = inputs({ urgentAt: T0 + MIN, starvedAt: T0 + 3 * MIN });
    expect(nextPhaseChangeAfter(s, T0)).toBe(T0 + MIN);
    expect(nextPhaseChangeAfter(s, T0 + MIN)).toBe(T0 + 3 * MIN);
    expect(nextPhaseChangeAfter(s, T0 + 3 * MIN)).toBe(Infinity);
  });

  it('the bucket key orders contacts of one phase exactly as their scores do, at every instant', () => {
    const contact = fc.record({
      basePriority: fc.integer({ min: 0, max: 100 }),
      arrivedAt: fc.integer({ min: T0, max: T0 + 60 * MIN }),
      urgentAt: fc.integer({ min: T0, max: T0 + 60 * MIN }),
    });
    fc.assert(
      fc.property(
        contact,
        contact,
        fc.integer({ min: 60 * MIN, max: 600 * MIN }),
        fc.constantFrom(PHASE_NORMAL, PHASE_URGENT),
        (a, b, dt, phase) => {
          const sa = inputs(a);
          const sb = inputs(b);
          const t = T0 + dt;
          const byKey = Math.sign(bucketKey(sa, phase) - bucketKey(sb, phase));
          const byScore = Math.sign(scoreAt(sa, phase, t) - scoreAt(sb, phase, t));
          if (Math.abs(scoreAt(sa, phase, t) - scoreAt(sb, phase, t)) > 1e-6) expect(byKey).toBe(byScore);
          expect(orderScore(bucketKey(sa, phase), slopeOf(sa, phase), t)).toBeCloseTo(
            scoreAt(sa, phase, t),
            5,
          );
        },
      ),
    );
  });
});
