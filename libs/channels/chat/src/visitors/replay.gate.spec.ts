import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayGate, type GatedPush } from './replay.gate';

const reply = (seq: number): GatedPush => ({ event: 'reply', payload: { seq }, seq });

describe('replay gate', () => {
  it('holds live pushes until the replay is sent, then sends only those the replay did not carry', () => {
    const sent: GatedPush[] = [];
    const gate = new ReplayGate((push) => sent.push(push));
    gate.offer(reply(4));
    gate.offer({ event: 'queue', payload: {} });
    gate.offer(reply(6));
    expect(sent).toEqual([]);
    gate.open([reply(3), reply(4)], () => sent.push({ event: 'ready', payload: {} }));
    expect(sent.map((p) => `${p.event}${p.seq ?? ''}`)).toEqual([
      'reply3',
      'reply4',
      'ready',
      'queue',
      'reply6',
    ]);
    gate.offer(reply(7));
    expect(sent.at(-1)).toEqual(reply(7));
  });

  // The socket joins its room (live pushes start), then the log is read: everything committed by then is in
  // the replay, and the router publishes in seq order after committing. Whatever the overlap, every event after
  // the widget's cursor reaches it exactly once, in seq order.
  it('delivers every event after the cursor exactly once and in order, whatever the overlap', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((total) =>
            fc.tuple(
              fc.constant(total),
              fc.integer({ min: 0, max: total }),
              fc.integer({ min: 0, max: total }),
              fc.integer({ min: 0, max: total }),
            ),
          ),
        ([total, cursorRaw, joinRaw, readRaw]) => {
          // Published before the join: missed live. Committed before the read: in the replay.
          const [cursor, joined, read] = [cursorRaw, joinRaw, readRaw].sort((a, b) => a - b);
          const sent: number[] = [];
          const gate = new ReplayGate((push) => sent.push(push.seq ?? -1));
          const seqs = Array.from({ length: total }, (_, i) => i + 1);
          const liveDuringRead = seqs.filter((seq) => seq > joined && seq <= read + 2);
          for (const seq of liveDuringRead) gate.offer(reply(seq));
          gate.open(seqs.filter((seq) => seq > cursor && seq <= read).map(reply));
          for (const seq of seqs.filter((seq) => seq > read + 2)) gate.offer(reply(seq));
          expect(sent).toEqual(seqs.filter((seq) => seq > cursor));
        },
      ),
    );
  });
});
