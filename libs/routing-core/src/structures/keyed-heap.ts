// Indexed 4-ary min-heap whose numeric keys live in a Float64Array beside the items. Sifting compares
// keys read from one flat array instead of a number boxed on each item, which keeps the hot heaps (the
// timer queue, each bucket's contact order) out of cache misses; four children per node halve the
// depth, and siblings' keys share a cache line. Equal keys fall back to `tieBefore`.
import type { HeapSlot } from './indexed-heap';

export class KeyedHeap<T> {
  private readonly items: T[] = [];
  private keys = new Float64Array(8);

  /** `tieBefore(a, b)`: true when a comes out first among equal keys; a strict total order. */
  constructor(
    private readonly tieBefore: (a: T, b: T) => boolean,
    private readonly position: HeapSlot<T>,
  ) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Key of the first item; Infinity when empty. */
  peekKey(): number {
    return this.items.length === 0 ? Infinity : this.keys[0];
  }

  has(item: T): boolean {
    const i = this.position.get(item);
    return i >= 0 && i < this.items.length && this.items[i] === item;
  }

  push(item: T, key: number): void {
    const n = this.items.length;
    if (n === this.keys.length) {
      const grown = new Float64Array(n * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.items.push(item);
    this.up(n, item, key);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  remove(item: T): void {
    if (this.has(item)) this.removeAt(this.position.get(item));
  }

  /** Gives a held item a new key and restores the order. */
  setKey(item: T, key: number): void {
    const i = this.position.get(item);
    const parent = (i - 1) >> 2;
    if (i > 0 && this.before(key, item, this.keys[parent], this.items[parent])) this.up(i, item, key);
    else this.down(i, item, key);
  }

  /**
   * Best item satisfying `accept`, in heap order. A best-first walk of the tree: skipped items are
   * rare (exclusions after a decline), so the open list stays tiny and the common case is O(1).
   */
  firstWhere(accept: (item: T) => boolean): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    if (accept(items[0])) return items[0];
    const open: number[] = [];
    this.pushChildren(open, 0);
    while (open.length > 0) {
      let bestAt = 0;
      for (let k = 1; k < open.length; k++) {
        const a = open[k];
        const b = open[bestAt];
        if (this.before(this.keys[a], items[a], this.keys[b], items[b])) bestAt = k;
      }
      const index = open[bestAt];
      open[bestAt] = open[open.length - 1];
      open.pop();
      if (accept(items[index])) return items[index];
      this.pushChildren(open, index);
    }
    return undefined;
  }

  /** Items in heap-array order (not sorted): item i's parent is (i - 1) >> 2. For tests. */
  toArray(): readonly T[] {
    return this.items.slice();
  }

  /** Key of a held item. */
  keyOf(item: T): number {
    return this.keys[this.position.get(item)];
  }

  private before(aKey: number, a: T, bKey: number, b: T): boolean {
    return aKey < bKey || (aKey === bKey && this.tieBefore(a, b));
  }

  private pushChildren(open: number[], index: number): void {
    const first = 4 * index + 1;
    const end = Math.min(first + 4, this.items.length);
    for (let child = first; child < end; child++) open.push(child);
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index];
    const lastIndex = items.length - 1;
    const last = items[lastIndex];
    const lastKey = this.keys[lastIndex];
    items.pop();
    this.position.set(removed, -1);
    if (index === lastIndex) return;
    const parent = (index - 1) >> 2;
    if (index > 0 && this.before(lastKey, last, this.keys[parent], items[parent]))
      this.up(index, last, lastKey);
    else this.down(index, last, lastKey);
  }

  /** Moves the hole at `index` up until (item, key) fits, then stores it there. */
  private up(index: number, item: T, key: number): void {
    const items = this.items;
    const keys = this.keys;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const pKey = keys[parent];
      if (!(key < pKey || (key === pKey && this.tieBefore(item, items[parent])))) break;
      items[index] = items[parent];
      keys[index] = pKey;
      this.position.set(items[index], index);
      index = parent;
    }
    items[index] = item;
    keys[index] = key;
    this.position.set(item, index);
  }

  /** Moves the hole at `index` down until (item, key) fits, then stores it there. */
  private down(index: number, item: T, key: number): void {
    const items = this.items;
    const keys = this.keys;
    const n = items.length;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= n) break;
      let child = first;
      let cKey = keys[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let k = first + 1; k < end; k++) {
        const kKey = keys[k];
        if (kKey < cKey || (kKey === cKey && this.tieBefore(items[k], items[child]))) {
          child = k;
          cKey = kKey;
        }
      }
      if (!(cKey < key || (cKey === key && this.tieBefore(items[child], item)))) break;
      items[index] = items[child];
      keys[index] = cKey;
      this.position.set(items[index], index);
      index = child;
    }
    items[index] = item;
    keys[index] = key;
    this.position.set(item, index);
  }
}
