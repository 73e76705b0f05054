import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedHeap } from './keyed-heap';

interface Item {
  id: number;
  key: number;
  pos: number;
}

function heap(): KeyedHeap<Item> {
  return new KeyedHeap<Item>((a, b) => a.id < b.id, {
    get: (i) => i.pos,
    set: (i, p) => {
      i.pos = p;
    },
  });
}

const byKeyThenId = (a: Item, b: Item): number => a.key - b.key || a.id - b.id;

/** Every node comes out before its children (four per node), remembers its slot, and keeps its key. */
function heapOrdered(h: KeyedHeap<Item>): boolean {
  const items = h.toArray();
  for (let i = 0; i < items.length; i++) {
    if (items[i].pos !== i || h.keyOf(items[i]) !== items[i].key) return false;
    if (i > 0 && byKeyThenId(items[(i - 1) >> 2], items[i]) >= 0) return false;
  }
  return true;
}

describe('KeyedHeap', () => {
  it('matches a sorted list under random push, remove, re-key and pop', () => {
    const key = fc.integer({ min: 0, max: 40 });
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.record({ k: fc.constant('push' as const), key }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), pick: fc.nat() }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant('rekey' as const), pick: fc.nat(), key }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('pop' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300, size: 'max' }), (ops) => {
        const h = heap();
        let live: Item[] = [];
        let id = 0;
        const sorted = (): Item[] => [...live].sort(byKeyThenId);
        for (const o of ops) {
          if (o.k === 'push') {
            const item = { id: id++, key: o.key, pos: -1 };
            live.push(item);
            h.push(item, item.key);
          } else if (o.k === 'pop') {
            const expected = sorted()[0];
            expect(h.peekKey()).toBe(expected === undefined ? Infinity : expected.key);
            expect(h.pop()).toBe(expected);
            live = live.filter((x) => x !== expected);
          } else if (live.length > 0) {
            const item = live[o.pick % live.length];
            if (o.k === 'remove') {
              h.remove(item);
              expect(h.has(item)).toBe(false);
              live = live.filter((x) => x !== item);
            } else {
              item.key = o.key;
              h.setKey(item, o.key);
            }
          }
          expect(h.size).toBe(live.length);
          expect(heapOrdered(h)).toBe(true);
        }
        // Draining checks the whole tree, not only its root.
        for (const expected of sorted()) expect(h.pop()).toBe(expected);
        expect(h.size).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('firstWhere returns the best item that passes, in key order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60, size: 'max' }),
        fc.integer({ min: 0, max: 20 }),
        (keys, threshold) => {
          const h = heap();
          const items = keys.map((key, id) => ({ id, key, pos: -1 }));
          items.forEach((i) => h.push(i, i.key));
          const expected = items.filter((i) => i.id % 3 !== 0 && i.key >= threshold).sort(byKeyThenId)[0];
          expect(h.firstWhere((i) => i.id % 3 !== 0 && i.key >= threshold)).toBe(expected);
        },
      ),
    );
  });
});
