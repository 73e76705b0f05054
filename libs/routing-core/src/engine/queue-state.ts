// Runtime queue: its current policy, the contacts filed under it, and the round-robin memory.
import type { QueuePolicy } from '../policy/queue-policy';
import { RingCache } from '../policy/ring-cache';
import { SlotSet } from '../structures/slot-set';
import type { ContactState } from './contact-state';

const queueSlot = {
  get: (c: ContactState): number => c.queuePos,
  set: (c: ContactState, i: number): void => {
    c.queuePos = i;
  },
};

export class QueueState {
  /** Every contact (any state) whose current queue is this one, in the order they joined it. */
  readonly contacts = new SlotSet<ContactState>(queueSlot);
  /** agent id -> sequence number of the last offer this queue gave them (round-robin order). */
  readonly lastRouted = new Map<string, number>();
  /** Compiled rings under the current policy; most contacts share a few rings. */
  readonly rings = new RingCache();

  constructor(public policy: QueuePolicy) {}

  setPolicy(policy: QueuePolicy): void {
    this.policy = policy;
    this.rings.clear();
  }

  get id(): string {
    return this.policy.id;
  }
}
