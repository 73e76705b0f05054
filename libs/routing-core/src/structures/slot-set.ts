// An insertion-ordered set of objects that remember their own slot, like a Set but without hashing:
// add, delete and has are an array write and a field read. Deleting leaves a hole that iteration skips;
// holes are compacted once they outnumber the members, so the order is always that of a Set (a member
// deleted and added again goes to the end).

export interface SetSlot<T> {
  get(item: T): number;
  set(item: T, index: number): void;
}

export class SlotSet<T> implements Iterable<T> {
  /** Members and holes at [0, end); the array itself never shrinks, so steady use allocates nothing. */
  private readonly items: (T | null)[] = [];
  private end = 0;
  private count = 0;

  constructor(private readonly slot: SetSlot<T>) {}

  get size(): number {
    return this.count;
  }

  has(item: T): boolean {
    const i = this.slot.get(item);
    return i >= 0 && i < this.end && this.items[i] === item;
  }

  add(item: T): void {
    if (this.has(item)) return;
    const i = this.end++;
    this.slot.set(item, i);
    if (i < this.items.length) this.items[i] = item;
    else this.items.push(item);
    this.count++;
  }

  delete(item: T): boolean {
    if (!this.has(item)) return false;
    const i = this.slot.get(item);
    this.items[i] = null;
    this.slot.set(item, -1);
    this.count--;
    if (this.count === 0) this.end = 0;
    else if (i === this.end - 1) this.end--;
    else if (this.end > 32 && this.count * 2 < this.end) this.compact();
    return true;
  }

  clear(): void {
    const items = this.items;
    for (let i = 0; i < this.end; i++) {
      const item = items[i];
      if (item === null) continue;
      this.slot.set(item, -1);
      items[i] = null;
    }
    this.end = 0;
    this.count = 0;
  }

  /** The oldest member; undefined when empty. */
  first(): T | undefined {
    for (let i = 0; i < this.end; i++) {
      const item = this.items[i];
      if (item !== null) return item;
    }
    return undefined;
  }

  /** Members in insertion order; a copy, so the set may change while it is walked. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.end; i++) {
      const item = this.items[i];
      if (item !== null) out.push(item);
    }
    return out;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.toArray()[Symbol.iterator]();
  }

  private compact(): void {
    const items = this.items;
    let n = 0;
    for (let i = 0; i < this.end; i++) {
      const item = items[i];
      if (item === null) continue;
      items[n] = item;
      this.slot.set(item, n);
      n++;
    }
    for (let i = n; i < this.end; i++) items[i] = null;
    this.end = n;
  }
}
