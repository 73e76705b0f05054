import { describe, expect, it } from 'vitest';
import { MetricsErrorCode } from '../metrics.error';
import { rollUp } from '../rollup/roll-up.util';
import { accuracyReport, scoreWaitEstimate } from './accuracy-report.util';

const queuedAt = Date.parse('2026-03-02T10:00:00Z');
const stored = { tenantId: 't1', queueId: 'sales', channel: 'chat', queuedAt, estimatedMs: 60_000 } as const;

describe('wait-estimate accuracy', () => {
  it('scores a prediction against the wait up to the answer', () => {
    expect(scoreWaitEstimate(stored, queuedAt + 95_000)).toEqual({
      kind: 'waitEstimateScored',
      tenantId: 't1',
      at: queuedAt + 95_000,
      queueId: 'sales',
      channel: 'chat',
      estimatedMs: 60_000,
      actualMs: 95_000,
    });
  });

  it('reports per queue, counts ±30 s inclusively and leaves out queues with no score', () => {
    const facts = [
      scoreWaitEstimate(stored, queuedAt + 90_000), // -30 s: within
      scoreWaitEstimate(stored, queuedAt + 90_001), // -30.001 s: not
      scoreWaitEstimate({ ...stored, queueId: 'support', estimatedMs: 0 }, queuedAt), // exact
      { kind: 'contactQueued', tenantId: 't1', at: queuedAt, queueId: 'billing', channel: 'chat' } as const,
    ];
    const rows = rollUp(facts, { timeZone: 'UTC', intervals: ['1h'] });
    expect(accuracyReport(rows)).toEqual([
      {
        queueId: 'sales',
        scored: 2,
        meanAbsoluteErrorMs: 60_001 / 2,
        meanErrorMs: -60_001 / 2,
        within30sRate: 1 / 2,
      },
      { queueId: 'support', scored: 1, meanAbsoluteErrorMs: 0, meanErrorMs: 0, within30sRate: 1 },
    ]);
  });

  it('refuses rows of several intervals, which would count each score more than once', () => {
    const rows = rollUp([scoreWaitEstimate(stored, queuedAt)], { timeZone: 'UTC' });
    expect(() => accuracyReport(rows)).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.IncompatibleRows }),
    );
  });
});
