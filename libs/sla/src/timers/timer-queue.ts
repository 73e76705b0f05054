// In-memory deadlines keyed by (tenant, key): schedule, reschedule, cancel, drop a whole tenant, and take
// what is due in due order. Pure and clock-free: callers pass `now`; TimerDriver arms the host timer.
import { SlaError, SlaErrorCode } from '../sla.error';
import { SlotHeap } from './slot-heap';

export interface ScheduledTimer {
  readonly tenantId: string;
  readonly key: string;
  /** Epoch ms at which the timer becomes due. */
  readonly dueAt: number;
}

export class TimerQueue {
  /** tenant → key → slot. Per-tenant maps make dropTenant proportional to that tenant's timers. */
  private readonly tenants = new Map<string, Map<string, number>>();
  private readonly tenantOf: string[] = [];
  private readonly keyOf: string[] = [];
  private readonly freeSlots: number[] = [];
  // Equal due times come out by tenant, then key (code-unit order), so the order does not depend on
  // insertion order and a rebuild after a restart fires ties in the same order as before it.
  private readonly heap = new SlotHeap((a, b) => {
    const ta = this.tenantOf[a];
    const tb = this.tenantOf[b];
    return ta === tb ? this.keyOf[a] < this.keyOf[b] : ta < tb;
  });

  get size(): number {
    return this.heap.size;
  }

  /** Number of tenants holding at least one timer. */
  get tenantCount(): number {
    return this.tenants.size;
  }

  /** Schedules a timer, replacing (rescheduling) any timer with the same tenant and key. */
  schedule(tenantId: string, key: string, dueAt: number): void {
    checkDueAt(dueAt);
    const slot = this.tenants.get(tenantId)?.get(key);
    if (slot === undefined) this.heap.push(this.allocate(tenantId, key), dueAt);
    else this.heap.setDue(slot, dueAt);
  }

  /**
   * Schedules many timers at once (a rebuild after a restart or a rebalance); later entries replace
   * earlier ones with the same tenant and key. A large batch is appended unordered and heapified in
   * O(n + m); a small one into a big queue goes through sifted inserts. All due times are checked first,
   * so a bad entry changes nothing.
   */
  scheduleMany(timers: Iterable<ScheduledTimer>): void {
    const list = Array.isArray(timers) ? (timers as readonly ScheduledTimer[]) : [...timers];
    for (const t of list) checkDueAt(t.dueAt);
    if (list.length * 4 < this.heap.size) {
      for (const t of list) this.schedule(t.tenantId, t.key, t.dueAt);
      return;
    }
    for (const t of list) {
      const slot = this.tenants.get(t.tenantId)?.get(t.key);
      if (slot === undefined) this.heap.append(this.allocate(t.tenantId, t.key), t.dueAt);
      else this.heap.setDueUnordered(slot, t.dueAt);
    }
    this.heap.heapify();
  }

  /** Cancels a timer; false when there was none. */
  cancel(tenantId: string, key: string): boolean {
    const keys = this.tenants.get(tenantId);
    const slot = keys?.get(key);
    if (keys === undefined || slot === undefined) return false;
    this.heap.remove(slot);
    keys.delete(key);
    if (keys.size === 0) this.tenants.delete(tenantId);
    this.release(slot);
    return true;
  }

  /**
   * Drops every timer of a tenant (its partition moved away); returns how many. k removals cost
   * O(k log n); when that would exceed one O(n) pass, the heap is filtered and heapified instead.
   */
  dropTenant(tenantId: string): number {
    const keys = this.tenants.get(tenantId);
    if (keys === undefined) return 0;
    this.tenants.delete(tenantId);
    const k = keys.size;
    if (k * Math.log2(this.heap.size + 1) > this.heap.size) {
      this.heap.removeWhere((slot) => this.tenantOf[slot] === tenantId);
    } else {
      for (const slot of keys.values()) this.heap.remove(slot);
    }
    for (const slot of keys.values()) this.release(slot);
    return k;
  }

  /** Due time of a held timer, or undefined. */
  dueAt(tenantId: string, key: string): number | undefined {
    const slot = this.tenants.get(tenantId)?.get(key);
    return slot === undefined ? undefined : this.heap.dueOf(slot);
  }

  /** Number of timers a tenant holds. */
  tenantSize(tenantId: string): number {
    return this.tenants.get(tenantId)?.size ?? 0;
  }

  /** Earliest due time, or undefined when the queue is empty. */
  nextDueAt(): number | undefined {
    return this.heap.size === 0 ? undefined : this.heap.peekDue();
  }

  /**
   * Removes and returns up to `limit` timers due at or before `now`, earliest first (ties by tenant,
   * then key). A taken timer is gone: scheduling the same key again makes a new timer.
   */
  takeDue(now: number, limit = Infinity): ScheduledTimer[] {
    if (Number.isNaN(now)) throw new SlaError(SlaErrorCode.InvalidArgument, 'takeDue: now is NaN');
    if (!(limit >= 1)) throw new SlaError(SlaErrorCode.InvalidArgument, `takeDue: limit ${limit} is below 1`);
    const due: ScheduledTimer[] = [];
    while (due.length < limit && this.heap.size > 0 && this.heap.peekDue() <= now) {
      const dueAt = this.heap.peekDue();
      const slot = this.heap.pop();
      const tenantId = this.tenantOf[slot];
      const key = this.keyOf[slot];
      due.push({ tenantId, key, dueAt });
      const keys = this.tenants.get(tenantId) as Map<string, number>;
      keys.delete(key);
      if (keys.size === 0) this.tenants.delete(tenantId);
      this.release(slot);
    }
    return due;
  }

  private allocate(tenantId: string, key: string): number {
    const slot = this.freeSlots.pop() ?? this.tenantOf.length;
    this.tenantOf[slot] = tenantId;
    this.keyOf[slot] = key;
    let keys = this.tenants.get(tenantId);
    if (keys === undefined) {
      keys = new Map();
      this.tenants.set(tenantId, keys);
    }
    keys.set(key, slot);
    return slot;
  }

  private release(slot: number): void {
    // Forget the strings so a freed slot does not keep a dropped tenant's keys alive.
    this.tenantOf[slot] = '';
    this.keyOf[slot] = '';
    this.freeSlots.push(slot);
  }
}

function checkDueAt(dueAt: number): void {
  if (!Number.isFinite(dueAt)) {
    throw new SlaError(SlaErrorCode.InvalidArgument, `timer due time must be a finite epoch ms: ${dueAt}`);
  }
}
