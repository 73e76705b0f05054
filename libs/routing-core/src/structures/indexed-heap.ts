// Binary heap whose items remember their slot, so arbitrary removal and re-keying are O(log n), ordered
// by any comparator. The engine's hot heaps (the timer queue, each bucket's contacts) order by a number
// and use KeyedHeap instead, which keeps the numbers in a flat array.

export interface HeapSlot<T> {
  get(item: T): number;
  set(item: T, index: number): void;
}

export class IndexedHeap<T> {
  private readonly items: T[] = [];

  /** `before(a, b)` is true when a must come out first; it must be a strict total order. */
  constructor(
    private readonly before: (a: T, b: T) => boolean,
    private readonly slot: HeapSlot<T>,
  ) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(item: T): boolean {
    const i = this.slot.get(item);
    return i >= 0 && i < this.items.length && this.items[i] === item;
  }

  push(item: T): void {
    this.items.push(item);
    this.slot.set(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  remove(item: T): void {
    if (this.has(item)) this.removeAt(this.slot.get(item));
  }

  /** Restores order after the item's key changed in place. */
  update(item: T): void {
    const i = this.slot.get(item);
    this.up(i);
    this.down(this.slot.get(item));
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
        if (this.before(items[open[k]], items[open[bestAt]])) bestAt = k;
      }
      const index = open[bestAt];
      open[bestAt] = open[open.length - 1];
      open.pop();
      if (accept(items[index])) return items[index];
      this.pushChildren(open, index);
    }
    return undefined;
  }

  /** Items in heap-array order (not sorted); for snapshots and tests. */
  toArray(): readonly T[] {
    return this.items.slice();
  }

  private pushChildren(open: number[], index: number): void {
    const left = 2 * index + 1;
    if (left < this.items.length) open.push(left);
    if (left + 1 < this.items.length) open.push(left + 1);
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index];
    const last = items.pop() as T;
    this.slot.set(removed, -1);
    if (index < items.length) {
      items[index] = last;
      this.slot.set(last, index);
      this.up(index);
      this.down(this.slot.get(last));
    }
  }

  private up(index: number): void {
    const items = this.items;
    const item = items[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, items[parent])) break;
      items[index] = items[parent];
      this.slot.set(items[index], index);
      index = parent;
    }
    items[index] = item;
    this.slot.set(item, index);
  }

  private down(index: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[index];
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(items[right], items[left]) ? right : left;
      if (!this.before(items[child], item)) break;
      items[index] = items[child];
      this.slot.set(items[index], index);
      index = child;
    }
    items[index] = item;
    this.slot.set(item, index);
  }
}
