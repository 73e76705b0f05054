import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '@switchboard/messaging';
import { InboundPublishBatcher } from './inbound-publish.batcher';

/** A bus whose publishes stay pending until the test settles them, one decision per publish. */
function controlledBus() {
  const calls: { messages: OutgoingMessage[]; settle: (ok: boolean) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const publish = (messages: OutgoingMessage[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      calls.push({
        messages,
        settle: (ok) => {
          inFlight--;
          if (ok) resolve();
          else reject(new Error('bus down'));
        },
      });
    });
  return { calls, publish, maxInFlight: () => maxInFlight };
}

const message = (n: number): OutgoingMessage => ({ key: `t${n % 3}`, value: String(n) });
const settled = (promise: Promise<void>): Promise<'ok' | 'failed'> =>
  promise.then(
    () => 'ok' as const,
    () => 'failed' as const,
  );

describe('InboundPublishBatcher', () => {
  it('publishes the first message at once, and those arriving meanwhile together in the next publish', async () => {
    const bus = controlledBus();
    const batcher = new InboundPublishBatcher(bus.publish);
    const first = batcher.publish(message(1));
    expect(bus.calls).toHaveLength(1);
    const later = [batcher.publish(message(2)), batcher.publish(message(3))];
    expect(bus.calls).toHaveLength(1);
    bus.calls[0].settle(true);
    await first;
    await Promise.resolve();
    expect(bus.calls[1].messages.map((m) => m.value)).toEqual(['2', '3']);
    bus.calls[1].settle(true);
    await Promise.all(later);
  });

  it('fails exactly the callers whose publish failed, and keeps publishing the rest', async () => {
    const bus = controlledBus();
    const batcher = new InboundPublishBatcher(bus.publish);
    const first = settled(batcher.publish(message(1)));
    const second = settled(batcher.publish(message(2)));
    bus.calls[0].settle(false);
    await expect(first).resolves.toBe('failed');
    bus.calls[1].settle(true);
    await expect(second).resolves.toBe('ok');
  });

  it('publishes every message exactly once, in arrival order, one publish in flight, at most maxBatch each', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Per step: how many messages arrive, and whether the publish then in flight succeeds.
        fc.array(fc.record({ arrive: fc.nat(7), ok: fc.boolean() }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        async (steps, maxBatch) => {
          const bus = controlledBus();
          const batcher = new InboundPublishBatcher(bus.publish, maxBatch);
          const outcomes: Promise<'ok' | 'failed'>[] = [];
          const okBy = new Map<string, boolean>();
          let next = 0;
          let settledCalls = 0;
          const settleNext = async (ok: boolean): Promise<void> => {
            const call = bus.calls[settledCalls++];
            for (const m of call.messages) okBy.set(String(m.value), ok);
            call.settle(ok);
            for (let i = 0; i < 5; i++) await Promise.resolve();
          };
          for (const step of steps) {
            for (let i = 0; i < step.arrive; i++) outcomes.push(settled(batcher.publish(message(next++))));
            if (bus.calls.length > settledCalls) await settleNext(step.ok);
          }
          while (bus.calls.length > settledCalls) await settleNext(true);

          const published = bus.calls.flatMap((c) => c.messages.map((m) => Number(m.value)));
          expect(published).toEqual(Array.from({ length: next }, (_, i) => i));
          expect(bus.maxInFlight()).toBeLessThanOrEqual(1);
          expect(bus.calls.every((c) => c.messages.length <= maxBatch)).toBe(true);
          const results = await Promise.all(outcomes);
          results.forEach((result, i) => expect(result).toBe(okBy.get(String(i)) ? 'ok' : 'failed'));
        },
      ),
    );
  });
});
