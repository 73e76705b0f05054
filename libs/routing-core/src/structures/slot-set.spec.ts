import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotSet } from './slot-set';

interface Item {
  id: number;
  pos: number;
}

describe('SlotSet', () => {
  it('behaves like a Set, insertion order included, under random add, delete and clear', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ k: fc.constant('add' as const), pick: fc.nat(79) }) },
      { weight: 4, arbitrary: fc.record({ k: fc.constant('delete' as const), pick: fc.nat(79) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('clear' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400, size: 'max' }), (ops) => {
        const items: Item[] = Array.from({ length: 80 }, (_, id) => ({ id, pos: -1 }));
        const set = new SlotSet<Item>({
          get: (i) => i.pos,
          set: (i, p) => {
            i.pos = p;
          },
        });
        const model = new Set<Item>();
        for (const o of ops) {
          if (o.k === 'add') {
            set.add(items[o.pick]);
            model.add(items[o.pick]);
          } else if (o.k === 'delete') {
            expect(set.delete(items[o.pick])).toBe(model.delete(items[o.pick]));
          } else {
            set.clear();
            model.clear();
          }
          const order = [...model];
          const same =
            set.size === model.size &&
            set.first() === order[0] &&
            set.toArray().every((item, i) => item === order[i]) &&
            items.every((item) => set.has(item) === model.has(item));
          expect(same).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps order and membership when deletions leave more holes than members', () => {
    const items: Item[] = Array.from({ length: 100 }, (_, id) => ({ id, pos: -1 }));
    const set = new SlotSet<Item>({
      get: (i) => i.pos,
      set: (i, p) => {
        i.pos = p;
      },
    });
    items.forEach((i) => set.add(i));
    const kept = items.filter((i) => i.id % 5 === 2);
    for (const i of items) if (i.id % 5 !== 2) set.delete(i);
    set.add(items[0]);
    expect(set.toArray()).toEqual([...kept, items[0]]);
    expect(items.filter((i) => set.has(i))).toEqual([items[0], ...kept]);
    set.delete(kept[3]);
    expect(set.toArray()).toEqual([...kept.filter((_, k) => k !== 3), items[0]]);
  });
});
