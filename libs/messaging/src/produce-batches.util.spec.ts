import { describe, expect, it } from 'vitest';
import { produceBatches } from './produce-batches.util';

const message = (i: number, bytes: number) => ({ key: 't1', value: 'x'.repeat(bytes), i });

describe('produce batches', () => {
  it('keeps a small publish in one request', () => {
    expect(produceBatches([message(1, 100), message(2, 100)])).toHaveLength(1);
  });

  it('splits a publish over the byte bound into several requests, keeping every message once and in order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => message(i, 30_000));
    const batches = produceBatches(messages, 200_000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat().map((m) => m.i)).toEqual(messages.map((m) => m.i));
    for (const batch of batches) {
      expect(batch.reduce((sum, m) => sum + m.value.length, 0)).toBeLessThanOrEqual(200_000);
    }
  });

  it('sends a single message larger than the bound on its own', () => {
    const batches = produceBatches([message(1, 10), message(2, 300_000), message(3, 10)], 200_000);
    expect(batches.map((b) => b.map((m) => m.i))).toEqual([[1], [2], [3]]);
  });
});
