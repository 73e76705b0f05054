// Indexed 4-ary min-heap of integer slots ordered by due time. It keeps each slot's heap position, so
// removing or re-timing any timer is O(log n); why a heap rather than a timing wheel is in ADR 0018.
// Everything lives in typed arrays (due times and slots in heap order, positions by slot): a million
// timers cost a few tens of MB and no per-timer object, and sifting reads one flat Float64Array.

const ARITY_SHIFT = 2; // four children per node: half the depth of a binary heap, siblings share a line
const ABSENT = -1;

export class SlotHeap {
  private dues = new Float64Array(16);
  private slots = new Int32Array(16);
  private positions = new Int32Array(16).fill(ABSENT);
  private count = 0;

  /** `tieBefore(a, b)`: true when slot a comes out first among equal due times; a strict total order. */
  constructor(private readonly tieBefore: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.count;
  }

  /** Slot with the earliest due time, or -1 when empty. */
  peekSlot(): number {
    return this.count === 0 ? ABSENT : this.slots[0];
  }

  /** Earliest due time, or Infinity when empty. */
  peekDue(): number {
    return this.count === 0 ? Infinity : this.dues[0];
  }

  has(slot: number): boolean {
    return slot < this.positions.length && this.positions[slot] !== ABSENT;
  }

  dueOf(slot: number): number {
    return this.dues[this.positions[slot]];
  }

  push(slot: number, due: number): void {
    this.append(slot, due);
    this.up(this.count - 1, slot, due);
  }

  /** Gives a held slot a new due time and restores the order. */
  setDue(slot: number, due: number): void {
    const i = this.positions[slot];
    const parent = (i - 1) >> ARITY_SHIFT;
    if (i > 0 && this.before(due, slot, this.dues[parent], this.slots[parent])) this.up(i, slot, due);
    else this.down(i, slot, due);
  }

  /** Removes and returns the first slot, or -1 when empty. */
  pop(): number {
    if (this.count === 0) return ABSENT;
    const top = this.slots[0];
    this.removeAt(0);
    return top;
  }

  remove(slot: number): void {
    if (this.has(slot)) this.removeAt(this.positions[slot]);
  }

  /**
   * Bulk-load primitives: `append` and `setDueUnordered` leave the order broken until `heapify`, which
   * restores it in O(n) (Floyd) instead of the O(m log n) worst case of m sifted inserts.
   */
  append(slot: number, due: number): void {
    this.ensureHeapCapacity(this.count + 1);
    this.ensureSlotCapacity(slot + 1);
    this.dues[this.count] = due;
    this.slots[this.count] = slot;
    this.positions[slot] = this.count;
    this.count++;
  }

  setDueUnordered(slot: number, due: number): void {
    this.dues[this.positions[slot]] = due;
  }

  heapify(): void {
    for (let i = (this.count - 2) >> ARITY_SHIFT; i >= 0; i--) this.down(i, this.slots[i], this.dues[i]);
  }

  /** Drops every slot for which `drop` is true in one O(n) pass plus a heapify; returns how many. */
  removeWhere(drop: (slot: number) => boolean): number {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[i];
      if (drop(slot)) {
        this.positions[slot] = ABSENT;
        continue;
      }
      this.slots[kept] = slot;
      this.dues[kept] = this.dues[i];
      this.positions[slot] = kept;
      kept++;
    }
    const removed = this.count - kept;
    this.count = kept;
    this.heapify();
    return removed;
  }

  private before(aDue: number, a: number, bDue: number, b: number): boolean {
    return aDue < bDue || (aDue === bDue && this.tieBefore(a, b));
  }

  private removeAt(index: number): void {
    const removed = this.slots[index];
    const last = this.count - 1;
    this.positions[removed] = ABSENT;
    this.count = last;
    if (index === last) return;
    const slot = this.slots[last];
    const due = this.dues[last];
    const parent = (index - 1) >> ARITY_SHIFT;
    if (index > 0 && this.before(due, slot, this.dues[parent], this.slots[parent])) this.up(index, slot, due);
    else this.down(index, slot, due);
  }

  /** Moves (slot, due) from index towards the root until its parent comes first. */
  private up(index: number, slot: number, due: number): void {
    const { dues, slots, positions } = this;
    while (index > 0) {
      const parent = (index - 1) >> ARITY_SHIFT;
      if (!this.before(due, slot, dues[parent], slots[parent])) break;
      dues[index] = dues[parent];
      slots[index] = slots[parent];
      positions[slots[index]] = index;
      index = parent;
    }
    dues[index] = due;
    slots[index] = slot;
    positions[slot] = index;
  }

  /** Moves (slot, due) from index towards the leaves until no child comes before it. */
  private down(index: number, slot: number, due: number): void {
    const { dues, slots, positions } = this;
    const n = this.count;
    for (;;) {
      const first = (index << ARITY_SHIFT) + 1;
      if (first >= n) break;
      const end = Math.min(first + 4, n);
      let best = first;
      for (let c = first + 1; c < end; c++) {
        if (this.before(dues[c], slots[c], dues[best], slots[best])) best = c;
      }
      if (!this.before(dues[best], slots[best], due, slot)) break;
      dues[index] = dues[best];
      slots[index] = slots[best];
      positions[slots[index]] = index;
      index = best;
    }
    dues[index] = due;
    slots[index] = slot;
    positions[slot] = index;
  }

  private ensureHeapCapacity(needed: number): void {
    if (needed <= this.dues.length) return;
    const capacity = Math.max(needed, this.dues.length * 2);
    const dues = new Float64Array(capacity);
    dues.set(this.dues.subarray(0, this.count));
    const slots = new Int32Array(capacity);
    slots.set(this.slots.subarray(0, this.count));
    this.dues = dues;
    this.slots = slots;
  }

  private ensureSlotCapacity(needed: number): void {
    if (needed <= this.positions.length) return;
    const positions = new Int32Array(Math.max(needed, this.positions.length * 2)).fill(ABSENT);
    positions.set(this.positions);
    this.positions = positions;
  }
}
