import type { ConsoleEvent } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toConsoleEvent } from './console-event.mapper';
import { ConsoleStreamGate } from './console-stream.gate';
import { routingEventOf } from './routing-event.fixture';

const durable = (seq: number): ConsoleEvent => toConsoleEvent(routingEventOf('offer.created', { seq }))!;
const stats: ConsoleEvent = {
  type: 'queue.stats',
  tenantId: 't1',
  seq: null,
  at: '2026-12-05T10:00:00Z',
  queues: [],
  agents: [],
};

function gateLog() {
  const sent: Array<number | null> = [];
  const gate = new ConsoleStreamGate((event) => sent.push(event.seq));
  return { gate, sent };
}

describe('ConsoleStreamGate', () => {
  it('holds live events until released, then sends only those past the replay', () => {
    const { gate, sent } = gateLog();
    gate.offer(durable(4));
    gate.offer(stats);
    gate.offer(durable(6));
    expect(sent).toEqual([]);
    gate.release(5);
    expect(sent).toEqual([null, 6]);
    gate.offer(durable(6));
    gate.offer(durable(7));
    expect(sent).toEqual([null, 6, 7]);
  });

  it('delivers every event exactly once, in order, however replay and live stream overlap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (lastSeq, headGap, liveFromGap, heldCount, total) => {
          // The console saw up to lastSeq; the log's head at the read is headSeq. The gateway's live stream
          // may lag the log, so it redelivers from some point at or below the head, and continues past it.
          const headSeq = lastSeq + headGap;
          const liveFrom = Math.max(1, headSeq - liveFromGap);
          const end = headSeq + total;
          const live = Array.from({ length: end - liveFrom + 1 }, (_, i) => liveFrom + i);
          const { gate, sent } = gateLog();
          const replayed = Array.from({ length: headSeq - lastSeq }, (_, i) => lastSeq + 1 + i);
          const during = live.slice(0, heldCount);
          for (const seq of during) gate.offer(durable(seq));
          for (const seq of replayed) sent.push(seq);
          gate.release(headSeq);
          for (const seq of live.slice(heldCount)) gate.offer(durable(seq));
          const expected = Array.from({ length: end - lastSeq }, (_, i) => lastSeq + 1 + i);
          expect(sent).toEqual(expected);
        },
      ),
    );
  });
});
