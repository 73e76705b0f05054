// A bucket holds waiting contacts that are interchangeable for eligibility: same queue, score phase,
// channel class, language and required-skill ring. Inside it the order is static (see bucketKey), so a
// heap is exact; an agent checks eligibility once per bucket instead of once per contact.
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { ScorePhase } from '../scoring/score.util';
import { IndexedHeap } from '../structures/indexed-heap';
import type { ContactState } from '../engine/contact-state';
import type { QueueState } from '../engine/queue-state';
import type { TenantIndex } from './tenant.index';

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

  constructor(
    readonly key: string,
    readonly tenant: TenantIndex,
    readonly queue: QueueState,
    readonly classIndex: number,
    readonly languageId: number,
    readonly reqs: CompiledRequirements,
    readonly phase: ScorePhase,
    /** The requirement the bucket is filed under (its rarest skill), or -1/0 when nothing is required. */
    readonly primarySkill: number,
    readonly primaryMin: number,
  ) {}
}

export function bucketKeyOf(c: ContactState): string {
  return `${c.queue.id}\u0000${c.phase}\u0000${c.classIndex}\u0000${c.languageId}\u0000${c.reqs.signature}`;
}
