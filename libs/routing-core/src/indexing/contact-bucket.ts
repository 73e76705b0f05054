// A bucket holds waiting contacts that are interchangeable for eligibility: same queue, score phase,
// channel class, language and required-skill ring. Buckets hang off their compiled ring (one per queue
// policy and ring), keyed by bucketSlotOf. Inside it the order is static (see bucketKey), so a
// heap is exact; an agent checks eligibility once per bucket instead of once per contact.
import { CLASS_COUNT } from '../model/channel.model';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import { IndexedHeap } from '../structures/indexed-heap';
import type { AgentState } from '../engine/agent-state';
import type { ContactState } from '../engine/contact-state';
import type { Filing, TenantIndex } from './tenant.index';

export function contactBefore(a: ContactState, b: ContactState): boolean {
  if (a.key !== b.key) return a.key > b.key;
  if (a.arrivedAt !== b.arrivedAt) return a.arrivedAt < b.arrivedAt;
  return a.id < b.id;
}

const bucketSlot = {
  get: (c: ContactState): number => c.bucketPos,
  set: (c: ContactState, i: number): void => {
    c.bucketPos = i;
  },
};

export class ContactBucket {
  readonly heap = new IndexedHeap<ContactState>(contactBefore, bucketSlot);
  /** Members that exclude nobody; any of them waiting proves no ready agent fits this ring. */
  clean = 0;
  /** Clean members still awaiting re-evaluation in the current pass (they prove nothing yet). */
  pendingClean = 0;
  /** Position in the tenant's bucket list (see TenantIndex.addBucket), -1 when not listed. */
  listPos = -1;
  /** The ring's first two requirements inline (skill -1 when absent): scans avoid three pointer hops. */
  readonly reqCount: number;
  readonly skill0: number;
  readonly min0: number;
  readonly skill1: number;
  readonly min1: number;
  /** Cached head, so a scan reads the bucket alone: its key, and whether it excludes anyone. */
  head: ContactState | null = null;
  headKey = 0;
  headClean = true;

  constructor(
    /** Slot in reqs.buckets; see bucketSlotOf. */
    readonly slot: number,
    readonly tenant: TenantIndex,
    readonly classIndex: number,
    readonly languageId: number,
    readonly reqs: CompiledRequirements,
    /** Where the tenant index files the bucket (see TenantIndex.filingOf). */
    readonly filing: Filing,
    /** Score slope shared by every member (same queue scoring and phase). */
    readonly slope: number,
  ) {
    this.reqCount = reqs.skillIds.length;
    this.skill0 = reqs.skillIds.length > 0 ? reqs.skillIds[0] : -1;
    this.min0 = reqs.skillIds.length > 0 ? reqs.mins[0] : 0;
    this.skill1 = reqs.skillIds.length > 1 ? reqs.skillIds[1] : -1;
    this.min1 = reqs.skillIds.length > 1 ? reqs.mins[1] : 0;
  }

  /** Whether the agent meets the ring; the inline fields answer most rings without touching arrays. */
  admits(agent: AgentState): boolean {
    if (this.skill0 >= 0 && agent.proficiency(this.skill0) < this.min0) return false;
    if (this.skill1 >= 0 && agent.proficiency(this.skill1) < this.min1) return false;
    return this.reqCount <= 2 || agent.meets(this.reqs);
  }

  /** Call after every heap change. */
  refreshHead(): void {
    const head = this.heap.peek() ?? null;
    this.head = head;
    if (head !== null) {
      this.headKey = head.key;
      this.headClean = head.excluded === null;
    }
  }
}

/** A bucket's slot within its ring: language, class and phase (the ring fixes queue and slope). */
export function bucketSlotOf(c: ContactState): number {
  return ((c.languageId + 1) * CLASS_COUNT + c.classIndex) * 3 + c.phase;
}
