import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatchedBusJournal, JournalEntry } from './bus-journal.port';
import { CoalescingBusJournal } from './coalescing-bus.journal';

type Write =
  | { kind: 'append'; batches: { topic: string; entries: readonly JournalEntry[] }[] }
  | { kind: 'commit'; positions: { groupId: string; topic: string; position: number }[] };

/** A batched journal whose writes stay pending until the test settles them. */
function controlledJournal() {
  const writes: { write: Write; settle: (ok: boolean) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pending = (write: Write): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      writes.push({
        write,
        settle: (ok) => {
          inFlight--;
          if (ok) resolve();
          else reject(new Error('journal down'));
        },
      });
    });
  const inner: BatchedBusJournal = {
    nextOffsets: () => Promise.resolve(new Map()),
    read: () => Promise.resolve([]),
    positions: () => Promise.resolve(new Map()),
    trim: () => Promise.resolve(0),
    append: () => Promise.reject(new Error('not used: appendMany is')),
    commit: () => Promise.reject(new Error('not used: commitMany is')),
    appendMany: (batches) => pending({ kind: 'append', batches: [...batches] }),
    commitMany: (positions) => pending({ kind: 'commit', positions: [...positions] }),
  };
  return { inner, writes, maxInFlight: () => maxInFlight };
}

const entry = (offset: number): JournalEntry => ({ offset, key: 'k', value: Buffer.from('v'), headers: {} });
const outcome = (promise: Promise<void>): Promise<boolean> =>
  promise.then(
    () => true,
    () => false,
  );
const ticks = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('CoalescingBusJournal', () => {
  it('writes an append at once, then every topic that waited meanwhile in one statement', async () => {
    const { inner, writes } = controlledJournal();
    const journal = new CoalescingBusJournal(inner);
    const first = journal.append('inbound', [entry(0)]);
    expect(writes).toHaveLength(1);
    const later = [journal.append('commands', [entry(0)]), journal.append('events', [entry(0), entry(1)])];
    writes[0].settle(true);
    await first;
    await ticks();
    expect(writes[1].write).toEqual({
      kind: 'append',
      batches: [
        { topic: 'commands', entries: [entry(0)] },
        { topic: 'events', entries: [entry(0), entry(1)] },
      ],
    });
    writes[1].settle(true);
    await Promise.all(later);
  });

  it('stores the highest of several waiting positions of one group and topic, once', async () => {
    const { inner, writes } = controlledJournal();
    const journal = new CoalescingBusJournal(inner);
    const blocker = journal.append('t', [entry(0)]);
    const commits = [journal.commit('g', 't', 5), journal.commit('g', 't', 9), journal.commit('h', 't', 2)];
    writes[0].settle(true);
    await blocker;
    await ticks();
    expect(writes[1].write).toEqual({
      kind: 'commit',
      positions: [
        { groupId: 'g', topic: 't', position: 9 },
        { groupId: 'h', topic: 't', position: 2 },
      ],
    });
    writes[1].settle(true);
    await Promise.all(commits);
  });

  it('stores every entry exactly once, one write in flight, each caller told its own statement outcome', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            topic: fc.constantFrom('a', 'b', 'c'),
            size: fc.integer({ min: 1, max: 3 }),
            ok: fc.boolean(),
          }),
          { maxLength: 25 },
        ),
        async (steps) => {
          const { inner, writes, maxInFlight } = controlledJournal();
          const journal = new CoalescingBusJournal(inner);
          const calls: { topic: string; offsets: number[]; result: Promise<boolean> }[] = [];
          const okOf = new Map<string, boolean>();
          const next = new Map<string, number>();
          let settled = 0;
          const settleNext = async (ok: boolean): Promise<void> => {
            const { write, settle } = writes[settled++];
            if (write.kind === 'append')
              for (const b of write.batches)
                for (const e of b.entries) okOf.set(`${b.topic}:${e.offset}`, ok);
            settle(ok);
            await ticks();
          };
          for (const step of steps) {
            const first = next.get(step.topic) ?? 0;
            const offsets = Array.from({ length: step.size }, (_, i) => first + i);
            next.set(step.topic, first + step.size);
            calls.push({
              topic: step.topic,
              offsets,
              result: outcome(journal.append(step.topic, offsets.map(entry))),
            });
            if (writes.length > settled) await settleNext(step.ok);
          }
          while (writes.length > settled) await settleNext(true);

          const written = writes.flatMap(({ write }) =>
            write.kind === 'append'
              ? write.batches.flatMap((b) => b.entries.map((e) => `${b.topic}:${e.offset}`))
              : [],
          );
          const asked = calls.flatMap((c) => c.offsets.map((o) => `${c.topic}:${o}`));
          expect([...written].sort()).toEqual([...asked].sort());
          expect(maxInFlight()).toBeLessThanOrEqual(1);
          for (const call of calls) {
            expect(await call.result).toBe(okOf.get(`${call.topic}:${call.offsets[0]}`));
          }
        },
      ),
    );
  });
});
