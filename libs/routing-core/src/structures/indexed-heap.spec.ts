import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedHeap } from './indexed-heap';

interface Item {
  id: number;
  key: number;
  pos: number;
}

function heap(): IndexedHeap<Item> {
  return new IndexedHeap<Item>((a, b) => a.key < b.key || (a.key === b.key && a.id < b.id), {
    get: (i) => i.pos,
    set: (i, p) => {
      i.pos = p;
    },
  });
}

describe('IndexedHeap', () => {
  it('matches a sorted list under random push, remove, re-key and pop', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('push' as const), key: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ k: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ k: fc.constant('rekey' as const), pick: fc.nat(), key: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ k: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const h = heap();
        let live: Item[] = [];
        let id = 0;
        const sorted = (): Item[] => [...live].sort((a, b) => a.key - b.key || a.id - b.id);
        for (const o of ops) {
          if (o.k === 'push') {
            const item = { id: id++, key: o.key, pos: -1 };
            live.push(item);
            h.push(item);
          } else if (o.k === 'pop') {
            const expected = sorted()[0];
            expect(h.pop()).toBe(expected);
            live = live.filter((x) => x !== expected);
          } else if (live.length > 0) {
            const item = live[o.pick % live.length];
            if (o.k === 'remove') {
              h.remove(item);
              live = live.filter((x) => x !== item);
            } else {
              item.key = o.key;
              h.update(item);
            }
          }
          expect(h.size).toBe(live.length);
          expect(h.peek()).toBe(sorted()[0]);
        }
      }),
    );
  });

  it('firstWhere returns the best item that passes, in heap order', () => {
    const h = heap();
    const items = [5, 1, 4, 2, 3].map((key, id) => ({ id, key, pos: -1 }));
    items.forEach((i) => h.push(i));
    expect(h.firstWhere((i) => i.key >= 3)?.key).toBe(3);
    expect(h.firstWhere((i) => i.key > 9)).toBeUndefined();
  });
});
