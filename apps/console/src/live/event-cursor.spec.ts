import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCursor, type Sequenced } from './event-cursor';

interface Ev extends Sequenced {
  id: string;
}
const ev = (seq: number | null, id = `e${String(seq)}`): Ev => ({ seq, id });

/** Merges two streams in an order chosen by `picks` (true: take from `a`), keeping each stream's own order. */
function interleave<T>(a: T[], b: T[], picks: boolean[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  for (const pick of picks) {
    if (pick && i < a.length) out.push(a[i++]);
    else if (j < b.length) out.push(b[j++]);
    else if (i < a.length) out.push(a[i++]);
  }
  return [...out, ...a.slice(i), ...b.slice(j)];
}

const withDuplicates = (seqs: number[], dups: number[]): number[] =>
  seqs.flatMap((seq, index) => Array.from({ length: 1 + (dups[index] ?? 0) }, () => seq));

describe('EventCursor', () => {
  it('applies a live stream in order and drops what it already applied', () => {
    const cursor = new EventCursor<Ev>(3);
    const applied = [ev(2), ev(4), ev(4), ev(5), ev(3)].flatMap((e) => cursor.offer(e));
    expect(applied.map((e) => e.seq)).toEqual([4, 5]);
    expect(cursor.lastSeq).toBe(5);
  });

  it('passes ephemeral events through at once, even while holding', () => {
    const cursor = new EventCursor<Ev>(0);
    cursor.ready(10);
    expect(cursor.offer(ev(7))).toEqual([]);
    expect(cursor.offer(ev(null, 'stats'))).toEqual([ev(null, 'stats')]);
  });

  it('on resync holds events until the snapshot, then releases only those after its headSeq', () => {
    const cursor = new EventCursor<Ev>(5);
    cursor.resync();
    const during = [ev(90), ev(101), ev(102)].flatMap((e) => cursor.offer(e));
    expect(during).toEqual([]);
    expect(cursor.snapshotLoaded(100).map((e) => e.seq)).toEqual([101, 102]);
    expect(cursor.offer(ev(102))).toEqual([]);
    expect(cursor.offer(ev(103)).map((e) => e.seq)).toEqual([103]);
  });

  it('property: any interleaving of a replay and the live stream, with duplicates, applies each seq once, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.nat({ max: 2 }), { maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 120 }),
        fc.array(fc.nat({ max: 2 }), { maxLength: 40 }),
        (seqs, lastSeq, headOffset, dups, picks, afterDups) => {
          const head = lastSeq + headOffset;
          const sorted = [...seqs].sort((a, b) => a - b);
          // The server replays (lastSeq, head] in order, possibly re-sending some, and also sends older events
          // again; the live stream (> head) is in order too, with duplicates, and may overtake the replay.
          const replay = withDuplicates(
            sorted.filter((s) => s <= head),
            dups,
          );
          const live = withDuplicates(
            sorted.filter((s) => s > head),
            [...dups].reverse(),
          );
          const beforeFrame = interleave(replay, live.slice(0, Math.ceil(live.length / 2)), picks);
          const afterFrame = withDuplicates(live.slice(Math.ceil(live.length / 2)), afterDups);

          const cursor = new EventCursor<Ev>(lastSeq);
          const applied = cursor.ready(head);
          for (const seq of beforeFrame) applied.push(...cursor.offer(ev(seq)));
          applied.push(...cursor.replayed());
          for (const seq of afterFrame) applied.push(...cursor.offer(ev(seq)));

          const expected = [...new Set(sorted.filter((s) => s > lastSeq))];
          expect(applied.map((e) => e.seq)).toEqual(expected);
          expect(cursor.lastSeq).toBe(expected.length > 0 ? expected[expected.length - 1] : lastSeq);
        },
      ),
    );
  });
});
