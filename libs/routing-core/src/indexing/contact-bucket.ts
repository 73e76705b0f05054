// A bucket holds waiting contacts that are interchangeable for eligibility: same queue, score phase,
// channel class, language and required-skill ring. Buckets hang off their compiled ring (one per queue
// policy and ring), keyed by bucketSlotOf. Inside it the order is static (see bucketKey), so a
// heap is exact; an agent checks eligibility once per bucket instead of once per contact.
import { CLASS_COUNT } from '../model/channel.model';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import { KeyedHeap } from '../structures/keyed-heap';
import type { AgentState } from '../engine/agent-state';
import type { ContactState } from '../engine/contact-state';
import { packMeta, type BucketList } from './bucket-list';
import type { Filing } from './tenant.index';

/** Members with equal keys: earlier arrival first, then the smaller id. */
function arrivalBefore(a: ContactState, b: ContactState): boolean {
  if (a.arrivedAt !== b.arrivedAt) return a.arrivedAt < b.arrivedAt;
  return a.id < b.id;
}

const bucketSlot = {
  get: (c: ContactState): number => c.bucketPos,
  set: (c: ContactState, i: number): void => {
    c.bucketPos = i;
  },
};

/**
 * The bucket is itself the heap of its members, so filing reaches one object less. The heap is keyed
 * by the negated key (negation is exact): higher key first, then earlier arrival, then smaller id.
 * An emptied bucket stays on its ring, ready for the next contact, but leaves its tenant list.
 */
export class ContactBucket extends KeyedHeap<ContactState> {
  /** Members that exclude nobody; any of them waiting proves no ready agent fits this ring. */
  clean = 0;
  /** Clean members still awaiting re-evaluation in the current pass (they prove nothing yet). */
  pendingClean = 0;
  /** Index in the home list while the bucket is non-empty (listed), else -1. */
  listPos = -1;
  /** Fixed part of the bucket's packed word in its list (see packMeta). */
  readonly meta: number;

  constructor(
    /** The tenant list the bucket joins while it is non-empty (see TenantIndex.homeOf). */
    readonly home: BucketList,
    readonly reqs: CompiledRequirements,
    /** Score slope shared by every member (same queue scoring and phase). */
    readonly slope: number,
    classIndex: number,
    languageId: number,
    /** Where the tenant index files the bucket (see TenantIndex.filingOf). */
    filing: Filing,
  ) {
    super(arrivalBefore, bucketSlot);
    // An agent scanning the filing list meets the filing skill; a pair list also names the pair skill,
    // whose minimum rides in the word. Only rings of three or more skills need the full check.
    const ids = reqs.skillIds;
    const pairMin = filing.pair < 0 ? 0 : reqs.mins[ids.indexOf(filing.pair)];
    this.meta = packMeta(classIndex, languageId, filing.min, pairMin, ids.length > 2);
  }

  /** Whether the agent meets the whole ring. */
  admits(agent: AgentState): boolean {
    return agent.meets(this.reqs);
  }

  add(c: ContactState): void {
    this.push(c, -c.key);
    if (c.excluded === null) this.clean++;
    const head = this.peek() as ContactState;
    if (this.listPos < 0) this.home.add(this, head);
    else if (head === c) this.home.setHead(this.listPos, this, c);
  }

  delete(c: ContactState): void {
    const wasHead = this.peek() === c;
    this.remove(c);
    if (c.excluded === null) this.clean--;
    if (this.listPos < 0) return;
    const head = this.peek();
    if (head === undefined) this.home.remove(this);
    else if (wasHead) this.home.setHead(this.listPos, this, head);
  }
}

/** A bucket's slot within its ring: language, class and phase (the ring fixes queue and slope). */
export function bucketSlotOf(c: ContactState): number {
  return ((c.languageId + 1) * CLASS_COUNT + c.classIndex) * 3 + c.phase;
}
