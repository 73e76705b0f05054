import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsErrorCode } from '../metrics.error';
import { observeHandleTime } from './handle-time-ewma.util';
import { estimateWait } from './wait-estimator.util';

describe('estimateWait', () => {
  it('expects the k-th release after k handle times shared among the slots', () => {
    // 3 agents x 2 chats = 6 slots; 5th in line with one slot free needs 4 releases: 4 * 240 s / 6 = 160 s.
    expect(
      estimateWait({
        position: 5,
        agentsServing: 3,
        capacityPerAgent: 2,
        freeSlots: 1,
        handleTimeMs: 240_000,
      }),
    ).toEqual({
      estimateMs: 160_000,
      basis: { kind: 'queue', releasesNeeded: 4, slots: 6, handleTimeMs: 240_000 },
    });
  });

  it('says zero when a free slot is waiting for this contact, even without handle history', () => {
    expect(
      estimateWait({ position: 2, agentsServing: 2, capacityPerAgent: 1, freeSlots: 2, handleTimeMs: null }),
    ).toEqual({ estimateMs: 0, basis: { kind: 'free-slot' } });
  });

  it('gives no number, with a reason, when no agent serves the queue or no handle time is known', () => {
    expect(
      estimateWait({ position: 1, agentsServing: 0, capacityPerAgent: 3, handleTimeMs: 60_000 }),
    ).toEqual({
      estimateMs: null,
      basis: { kind: 'unknown', reason: 'no-agents-serving' },
    });
    expect(
      estimateWait({ position: 1, agentsServing: 4, capacityPerAgent: 0, handleTimeMs: 60_000 }).basis,
    ).toEqual({
      kind: 'unknown',
      reason: 'no-agents-serving',
    });
    expect(estimateWait({ position: 3, agentsServing: 1, capacityPerAgent: 1, handleTimeMs: null })).toEqual({
      estimateMs: null,
      basis: { kind: 'unknown', reason: 'no-handle-history' },
    });
  });

  it('never shrinks as the position grows, nor grows as agents join', () => {
    const input = fc.record({
      position: fc.integer({ min: 1, max: 500 }),
      agentsServing: fc.integer({ min: 1, max: 50 }),
      capacityPerAgent: fc.integer({ min: 1, max: 5 }),
      freeSlots: fc.integer({ min: 0, max: 10 }),
      handleTimeMs: fc.integer({ min: 0, max: 3_600_000 }),
    });
    fc.assert(
      fc.property(input, (i) => {
        const base = estimateWait(i).estimateMs ?? Number.NaN;
        expect(estimateWait({ ...i, position: i.position + 1 }).estimateMs).toBeGreaterThanOrEqual(base);
        expect(estimateWait({ ...i, agentsServing: i.agentsServing + 1 }).estimateMs).toBeLessThanOrEqual(
          base,
        );
      }),
    );
  });

  it('refuses a position below 1, negative agents or slots, and a negative handle time', () => {
    const bad = [
      { position: 0, agentsServing: 1, capacityPerAgent: 1, handleTimeMs: 1 },
      { position: 1.5, agentsServing: 1, capacityPerAgent: 1, handleTimeMs: 1 },
      { position: 1, agentsServing: -1, capacityPerAgent: 1, handleTimeMs: 1 },
      { position: 1, agentsServing: 1, capacityPerAgent: 1, freeSlots: -2, handleTimeMs: 1 },
      { position: 1, agentsServing: 1, capacityPerAgent: 1, handleTimeMs: -5 },
    ];
    for (const input of bad) {
      expect(() => estimateWait(input)).toThrow(
        expect.objectContaining({ code: MetricsErrorCode.InvalidInput }),
      );
    }
  });
});

describe('observeHandleTime', () => {
  it('averages plainly at first, then weights the newest contact by the configured weight', () => {
    let ewma = observeHandleTime(null, 100_000, 0.25);
    ewma = observeHandleTime(ewma, 200_000, 0.25); // 1/2: (100 + 200) / 2 = 150 s
    ewma = observeHandleTime(ewma, 300_000, 0.25); // 1/3: 150 + (300 - 150) / 3 = 200 s
    expect(ewma).toEqual({ meanMs: 200_000, observations: 3 });
    ewma = observeHandleTime(ewma, 400_000, 0.25); // 1/4 = weight: 200 + 200 / 4 = 250 s
    ewma = observeHandleTime(ewma, 50_000, 0.25); // weight 0.25 > 1/5: 250 - 200 / 4 = 200 s
    expect(ewma).toEqual({ meanMs: 200_000, observations: 5 });
  });

  it('stays within the range of what it has seen', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 100 }),
        (times) => {
          const ewma = times.reduce<ReturnType<typeof observeHandleTime> | null>(
            (prev, t) => observeHandleTime(prev, t),
            null,
          );
          expect(ewma?.meanMs).toBeGreaterThanOrEqual(Math.min(...times) - 1e-6);
          expect(ewma?.meanMs).toBeLessThanOrEqual(Math.max(...times) + 1e-6);
        },
      ),
    );
  });

  it('refuses a negative handle time or a weight outside (0, 1]', () => {
    expect(() => observeHandleTime(null, -1)).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.InvalidInput }),
    );
    expect(() => observeHandleTime(null, 1, 0)).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.InvalidInput }),
    );
  });
});
